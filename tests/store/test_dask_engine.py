"""Scale-out: a store built by Dask workers equals, row for row, one built in this process."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from corpus.errors import InputError, TextdiffError
from textdiff.indexing import index_corpus, open_store

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "tests" / "data" / "lineage"
SHARED = Path(__file__).resolve().parents[3] / "shared"


def dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIRTUAL TABLE temp.pairs_vocab USING fts5vocab(main, paragraph_pairs, row)")
    tables = {
        t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
        for t in ("files", "documents", "paragraphs", "paragraph_vocab", "pairs_vocab")
    }
    conn.close()
    return tables


# About 8 s on an idle two-core machine (cluster start, two builds of the 164 resolutions), 30 s when the
# machine is busy: under the 20 s that would make it a `slow` test.
def test_dask_store_equals_local_store(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    corpus = SHARED / "corpus" / "undocs"
    if not corpus.is_dir():
        corpus = BUNDLED  # CI without ../shared still compares the two engines
    local = index_corpus(corpus, tmp_path / "local.db")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        report = index_corpus(corpus, tmp_path / "dask.db", engine="dask", scheduler=cluster)
        assert (report.added, report.failed, report.paragraphs) == (
            local.added,
            local.failed,
            local.paragraphs,
        )
        # Incremental on Dask as well: a second run reads nothing.
        again = index_corpus(corpus, tmp_path / "dask.db", engine="dask", scheduler=cluster)
        assert (again.added, again.unchanged) == (0, local.added)
    a, b = dump(tmp_path / "local.db"), dump(tmp_path / "dask.db")
    assert a["paragraphs"] and a == b


def test_engine_and_input_errors(tmp_path):
    with pytest.raises(TextdiffError, match="unknown engine"):
        index_corpus(BUNDLED, tmp_path / "s.db", engine="spark")
    with pytest.raises(InputError, match="not a directory"):
        index_corpus(tmp_path / "missing", tmp_path / "s.db")
    with pytest.raises(InputError, match="--corpus DIR or --store PATH"):
        open_store()
    with pytest.raises(InputError, match="no corpus store"):
        open_store(store=tmp_path / "missing.db")


def test_open_store_in_memory_and_on_disk(tmp_path):
    with open_store(corpus=BUNDLED) as store:
        assert store.path == ":memory:" and store.stats()["documents"] == 9
    index_corpus(BUNDLED, tmp_path / "s.db")
    with open_store(store=tmp_path / "s.db") as store:
        assert store.stats()["files"] == 7
