"""Build or update a corpus store, in this process or on a Dask cluster, and open a store for queries.

# Steps (both engines): scan the directory against the store (size+mtime, then sha256) → parse the new and
# changed files (here, or in Dask workers that receive the bytes, so no shared filesystem is needed) →
# write each file's rows in one transaction, in path order, from this process only. Writing in scan order
# makes a Dask-built store identical, row id for row id, to a locally built one.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from corpus.errors import InputError, MissingExtraError, TextdiffError
from corpus.store import FileChange, FileRecord, IndexReport, Progress, Store, prepare_file

__all__ = ["ENGINES", "index_corpus", "open_store"]

ENGINES = ("local", "dask")
# Files shipped to one Dask task: enough to amortise the task overhead (~1 ms) over parsing (~10 ms a
# file), few enough that two workers share a 164-file corpus evenly.
_BATCH_FILES = 16
_BATCH_BYTES = 4 * 1024 * 1024


def index_corpus(
    directory: str | Path,
    store_path: str | Path,
    engine: str = "local",
    scheduler: Any = None,
    progress: Progress | None = None,
) -> IndexReport:
    """Bring the store at ``store_path`` up to date with the corpus files under ``directory``.

    ``engine="dask"`` parses in Dask workers: ``scheduler`` is a scheduler address
    (``"tcp://host:8786"``), a ``dask.distributed.Client`` or a cluster object; None starts a
    ``LocalCluster`` of one process per core for the run. The store is written by this process only.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = Path(d, "a.txt").write_text("The General Assembly,\\n\\n1. Decides to act.")
    ...     index_corpus(d, Path(d) / "store.db").summary().split(";")[0]
    '1 added, 0 changed, 0 removed, 0 unchanged, 0 failed'

    Raises:
        InputError: ``directory`` is not a directory, or the store cannot be opened.
        MissingExtraError: ``engine="dask"`` without dask.distributed installed.
        TextdiffError: an unknown engine, or the Dask scheduler cannot be reached.
    """
    if engine not in ENGINES:
        raise TextdiffError(f"unknown engine {engine!r}. To fix: use one of {', '.join(ENGINES)}")
    if not Path(directory).is_dir():
        raise InputError("is not a directory. To fix: give the folder that holds the corpus", str(directory))
    with Store.open(store_path) as store:
        if engine == "local":
            return store.index_directory(directory, progress)
        return _index_dask(store, directory, scheduler, progress)


def open_store(
    corpus: str | Path | None = None, store: str | Path | None = None, progress: Progress | None = None
) -> Store:
    """The store to query: ``store`` as built (updated first from ``corpus`` when both are given), or a
    store in memory indexed from ``corpus`` (a corpus folder may be read-only, so nothing is written there).

    Raises:
        InputError: neither is given, the store does not exist, or the corpus is not a directory.
    """
    if store is None and corpus is None:
        raise InputError("no corpus. To fix: give --corpus DIR or --store PATH")
    if store is not None and corpus is None:
        return Store.open(store, create=False)
    opened = Store.open(store if store is not None else ":memory:")
    try:
        assert corpus is not None
        opened.index_directory(corpus, progress)
    except BaseException:
        opened.close()
        raise
    return opened


def _prepare_batch(items: list[tuple[str, bytes | None, int, int]]) -> list[FileRecord]:
    # Runs in a Dask worker: parse only, the store is never opened there.
    return [prepare_file(path, data, size, mtime) for path, data, size, mtime in items]


def _client(scheduler: Any) -> tuple[Any, list[Any]]:
    """A Client for ``scheduler`` and what to close after the run (what this function started)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        raise MissingExtraError("--engine dask", "distributed") from e
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=max(1, os.cpu_count() or 1),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
        return client, [client, cluster]
    if isinstance(scheduler, Client):
        return scheduler, []
    try:
        if isinstance(scheduler, str):
            client = Client(scheduler, timeout="30s")
        else:
            client = Client(scheduler)  # a cluster object: LocalCluster, a dask-jobqueue cluster…
    except (OSError, TimeoutError) as e:
        raise TextdiffError(
            f"cannot reach the Dask scheduler {scheduler}: {e}. To fix: start it (dask scheduler) "
            "and give its address as tcp://HOST:8786"
        ) from e
    return client, [client]


def _batches(changes: Iterable[FileChange]) -> Iterable[tuple[list[FileChange], bool]]:
    """Group scanned changes into runs in scan order: (changes, needs_parsing)."""
    batch: list[FileChange] = []
    size = 0
    for change in changes:
        parse = change.action in ("new", "changed")
        if not parse:
            if batch:
                yield batch, True
                batch, size = [], 0
            yield [change], False
            continue
        batch.append(change)
        size += len(change.data or b"")
        if len(batch) >= _BATCH_FILES or size >= _BATCH_BYTES:
            yield batch, True
            batch, size = [], 0
    if batch:
        yield batch, True


def _index_dask(
    store: Store, directory: str | Path, scheduler: Any, progress: Progress | None
) -> IndexReport:
    import time

    from corpus.store import corpus_files

    started = time.monotonic()
    client, owned = _client(scheduler)
    report = IndexReport()
    total = len(corpus_files(directory))
    done = 0
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        # Bounded look-ahead: enough batches in flight to keep every worker busy, never the whole corpus
        # in memory (the scan reads a file's bytes only when its batch is formed).
        window = 2 * workers
        pending: deque[tuple[list[FileChange], Any]] = deque()

        def write_head() -> None:
            nonlocal done
            changes, future = pending.popleft()
            records = future.result() if future is not None else [None] * len(changes)
            # A batch's parsed files go in one transaction: the client's writes bound the speed-up.
            store.apply_many(changes, records, report)
            for change in changes:
                if change.action != "removed":
                    done += 1
                    if progress:
                        progress(done, total, change.path)

        for changes, parse in _batches(store.scan(directory)):
            future = None
            if parse:
                items = [(c.path, c.data, c.size, c.mtime_ns) for c in changes]
                future = client.submit(_prepare_batch, items, pure=False)
                # The bytes now live in the task; the scan's copy can go.
                changes = [FileChange(c.path, c.action, c.size, c.mtime_ns, c.sha256) for c in changes]
            pending.append((changes, future))
            while pending and (len(pending) > window or (pending[0][1] is None or pending[0][1].done())):
                write_head()
        while pending:
            write_head()
    finally:
        for obj in owned:
            obj.close()
    return store.finish(directory, report, started)
