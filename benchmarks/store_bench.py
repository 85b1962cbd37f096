"""Scale benchmark of the corpus store: index build rate (against spaCy's tokenizer alone on the same
paragraphs), store size, peak memory, and phrase-lineage query latency against a linear scan of the same
data, in one run, on a synthetic corpus of real UN paragraphs.

# Steps: load the real paragraphs of ../shared/corpus (or the bundled test samples) → stream synthetic
# documents made from them by seeded mutations (words inserted, deleted, substituted; numbers renumbered;
# halves of two paragraphs recombined) → build: normalise each paragraph and write the documents into a
# store, 20,000 paragraphs a transaction (`Store.bulk_load`; --batch 0: a transaction per document),
# generation timed apart → time `nlp.lineage.trace_phrase` for phrases cut from real paragraphs → time a
# linear scan (every row's normalised text tested for the phrase) for some of them → in a process of its
# own, time `spacy.blank("en").tokenizer.pipe` over the same paragraphs → print the figures and targets.

Run: python benchmarks/store_bench.py [--paragraphs 1000000] [--queries 200] [--scan-queries 5]
     [--store PATH [--reuse]] [--sync-off] [--batch 20000] [--json OUT]
--store PATH --reuse queries a store built by an earlier run (no build, no tokenizer run).
Targets at 1M paragraphs: query p95 ≤ 20 ms, ≥ 100× faster than the scan, build ≥ 1/3 of the tokenizer's
rate, peak RSS ≤ 1 GiB.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.series import load_directory, title_key  # noqa: E402
from corpus.store import (  # noqa: E402
    DocumentRecord,
    FileRecord,
    ParagraphRecord,
    Store,
    normalise,
)
from nlp.lineage import trace_phrase  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
FALLBACK = ROOT / "tests" / "data"
NAMED_PHRASES = [
    "community of shared future for humankind",
    "open, secure, stable, accessible and peaceful",
    "voluntary, non-binding norms",
]
_NUMBER = re.compile(r"\b\d+(?:/\d+)?\b")


def real_paragraphs() -> list[tuple[str, str, str]]:
    """(title, lead, text) of every real paragraph: the shared corpus when present, else the test data."""
    dirs = [SHARED / "undocs", SHARED / "paragraphs"] if SHARED.is_dir() else [FALLBACK]
    out = []
    for d in dirs:
        docs, _failed = load_directory(d)
        for doc in docs:
            for p in doc.paragraphs:
                out.append((doc.title or "", p.lead or "", p.text))
    return out


def _mutate(rng: random.Random, words: list[str], pool: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        r = rng.random()
        if r < 0.02:
            continue  # deleted
        if r < 0.05:
            out.append(rng.choice(pool))  # substituted
        else:
            out.append(w)
        if rng.random() < 0.02:
            out.append(rng.choice(pool))  # inserted
    return out


SyntheticDocument = tuple[str, str, str, list[tuple[str, str, int, str | None, str]]]


def synthetic_documents(
    n_paragraphs: int, seed: int, real: list[tuple[str, str, str]]
) -> Iterator[SyntheticDocument]:
    """Stream synthetic documents as (symbol, title, date, [(pid, kind, number, lead, text)]) until
    ``n_paragraphs`` paragraphs have been made: raw text, not yet normalised (that is the build's work).

    Deterministic for a given seed and input; nothing is kept but the current document.
    """
    rng = random.Random(seed)
    # Substitutes drawn from the running text, so word frequencies stay those of UN drafting.
    pool = [w for _, _, text in real[:2000] for w in text.split()]
    made = 0
    doc_no = 0
    # Dates rise with the document number (1946 to 2030), so a mutation's first appearance is well defined.
    n_docs = max(1, n_paragraphs // 30)
    while made < n_paragraphs:
        doc_no += 1
        title = real[rng.randrange(len(real))][0]
        size = min(rng.randint(10, 50), n_paragraphs - made)
        day = int((doc_no / (n_docs + 1)) * 84 * 365)
        year, rest = 1946 + day // 365, day % 365
        date = f"{year:04d}-{1 + rest // 31 % 12:02d}-{1 + rest % 28:02d}"
        paragraphs = []
        for i in range(size):
            _title, _lead, text = real[rng.randrange(len(real))]
            words = text.split()
            if rng.random() < 0.1:
                # Recombined: the head of one paragraph with the tail of another.
                other = real[rng.randrange(len(real))][2].split()
                words = words[: max(1, len(words) // 2)] + other[len(other) // 2 :]
            words = _mutate(rng, words, pool)
            if rng.random() < 0.3:
                words = [_NUMBER.sub(lambda _m: str(rng.randint(1, 80)), w) for w in words]
            body = " ".join(words)
            kind, pid = ("preambular", f"pp{i + 1}") if i < size // 3 else ("operative", f"op{i + 1}")
            lead = words[0] if words else None
            paragraphs.append((pid, kind, i + 1, lead, body))
        made += size
        yield f"A/RES/SYN/{doc_no}", title, date, paragraphs


def file_record(doc: SyntheticDocument, seed: int) -> FileRecord:
    """The store record of a synthetic document: its paragraphs normalised and paired, as `prepare_file`
    does."""
    symbol, title, date, paragraphs = doc
    paras = tuple(ParagraphRecord.of(pid, kind, n, lead, text) for pid, kind, n, lead, text in paragraphs)
    record = DocumentRecord(1, symbol, title, date, "resolution", None, title_key(title), symbol, paras)
    return FileRecord(
        f"synthetic/{symbol.rsplit('/', 1)[1]}", 0, 0, f"{seed}-{symbol.rsplit('/', 1)[1]}", (record,)
    )


def synthetic_files(n_paragraphs: int, seed: int, real: list[tuple[str, str, str]]) -> Iterator[FileRecord]:
    """Stream synthetic documents (one per FileRecord) until ``n_paragraphs`` paragraphs have been made."""
    for doc in synthetic_documents(n_paragraphs, seed, real):
        yield file_record(doc, seed)


def _prepare_chunk(docs: list[SyntheticDocument], seed: int) -> list[FileRecord]:
    """A worker's share of a parallel build: the records of some documents, normalised and paired."""
    return [file_record(doc, seed) for doc in docs]


# A parallel build ships documents to the workers this many at a time (about 6,000 paragraphs).
_CHUNK_DOCUMENTS = 200


def build_store(
    store: Store,
    n_paragraphs: int,
    seed: int,
    real: list[tuple[str, str, str]],
    batch: int,
    durable: bool,
    workers: int = 0,
) -> tuple[int, float, float, float]:
    """Write the synthetic corpus into ``store``: (paragraphs, build seconds, generation seconds, CPU
    seconds of the build in every process).

    The build is what indexing a parsed corpus costs: normalising and pairing each paragraph (as
    `prepare_file` does) and writing the rows and both indexes, ``batch`` paragraphs a transaction
    (`Store.bulk_load`; 0: one transaction a document, `Store.write_record`, as `Store.index_directory`
    writes a file), then the final WAL checkpoint. Making the synthetic text is timed apart and left out.

    ``workers`` > 0: the records are made in that many worker processes while this one writes (as the Dask
    engine's workers prepare files for its single writer); this process generates the text, sends it
    ``_CHUNK_DOCUMENTS`` documents at a time and writes the records in the order generated, so the store is
    the same row for row. Generation is still timed apart; the CPU figure adds the workers' time.
    """
    generation = generation_cpu = 0.0
    started, started_cpu = time.perf_counter(), time.process_time()
    children_cpu = _children_cpu()
    next_report = [100_000]

    def records() -> Iterator[FileRecord]:
        nonlocal generation, generation_cpu
        docs = synthetic_documents(n_paragraphs, seed, real)
        while True:
            t, c = time.perf_counter(), time.process_time()
            doc = next(docs, None)
            generation += time.perf_counter() - t
            generation_cpu += time.process_time() - c
            if doc is None:
                return
            yield file_record(doc, seed)

    def records_in_workers(pool: Any) -> Iterator[FileRecord]:
        nonlocal generation, generation_cpu
        docs = synthetic_documents(n_paragraphs, seed, real)
        pending: deque[Any] = deque()
        while True:
            t, c = time.perf_counter(), time.process_time()
            chunk = list(itertools.islice(docs, _CHUNK_DOCUMENTS))
            generation += time.perf_counter() - t
            generation_cpu += time.process_time() - c
            if chunk:
                pending.append(pool.apply_async(_prepare_chunk, (chunk, seed)))
            # Two chunks a worker in flight: the workers never wait for the writer, memory stays bounded.
            while pending and (len(pending) > 2 * workers or not chunk):
                yield from pending.popleft().get()
            if not chunk:
                return

    def progress(made: int) -> None:
        if made >= next_report[0]:
            build = time.perf_counter() - started - generation
            print(
                f"  {made:,} paragraphs, build {made / build:,.0f}/s, RSS {_rss_mib():.0f} MiB",
                file=sys.stderr,
            )
            next_report[0] = made - made % 100_000 + 100_000

    pool = None
    if workers > 0:
        import multiprocessing

        pool = multiprocessing.get_context("spawn").Pool(workers)
        # Started before the clock: a build service keeps its workers.
        pool.starmap(_prepare_chunk, [([], seed)] * workers)
        started, started_cpu = time.perf_counter(), time.process_time()
        stream = records_in_workers(pool)
    else:
        stream = records()
    try:
        if batch > 0:
            made = store.bulk_load(stream, batch_paragraphs=batch, durable=durable, progress=progress)
        else:
            made = 0
            for record in stream:
                store.write_record(record)
                made += len(record.documents[0].paragraphs)
                progress(made)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        seconds = time.perf_counter() - started - generation
        cpu = time.process_time() - started_cpu - generation_cpu
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    cpu += _children_cpu() - children_cpu
    return made, seconds, generation, cpu


def _children_cpu() -> float:
    """CPU seconds of this process's finished (joined) child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def tokenizer_rate(n_paragraphs: int, seed: int, real: list[tuple[str, str, str]]) -> dict[str, float]:
    """spaCy's tokenizer alone (``spacy.blank("en").tokenizer.pipe``) over the same synthetic paragraphs:
    the reference rate for the build. Generation is not timed; the tokenizer's cache starts cold."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    seconds, cpu_seconds, paragraphs, tokens = 0.0, 0.0, 0, 0
    texts: list[str] = []

    def run() -> None:
        nonlocal seconds, cpu_seconds, paragraphs, tokens
        t, c = time.perf_counter(), time.process_time()
        tokens += sum(len(doc) for doc in tokenizer.pipe(texts, batch_size=1000))
        seconds += time.perf_counter() - t
        cpu_seconds += time.process_time() - c
        paragraphs += len(texts)
        texts.clear()

    for _symbol, _title, _date, paras in synthetic_documents(n_paragraphs, seed, real):
        texts.extend(p[4] for p in paras)
        if len(texts) >= 20_000:
            run()
    if texts:
        run()
    return {
        "paragraphs": paragraphs,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "paragraphs_per_s": paragraphs / seconds,
        "tokens": tokens,
    }


def _tokenizer_in_subprocess(args: argparse.Namespace) -> dict[str, float] | None:
    # A process of its own: spaCy's memory stays out of the store's peak RSS, and its import out of the
    # timings. Same machine, same run, same paragraphs (same seed).
    cmd = [
        sys.executable,
        __file__,
        "--tokenizer-only",
        "--paragraphs",
        str(args.paragraphs),
        "--seed",
        str(args.seed),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"  tokenizer run failed: {done.stderr.strip()[-500:]}", file=sys.stderr)
        return None
    return json.loads(done.stdout)


def sample_phrases(real: list[tuple[str, str, str]], n: int, seed: int) -> list[str]:
    """Phrases of 3 to 8 words cut from real paragraphs, each with at least two content words."""
    from corpus.store import STOPWORDS

    rng = random.Random(seed + 1)
    out: list[str] = []
    while len(out) < n:
        words = real[rng.randrange(len(real))][2].split()
        k = rng.randint(3, 8)
        if len(words) < k:
            continue
        start = rng.randrange(len(words) - k + 1)
        phrase = " ".join(words[start : start + k]).strip(",;:.")
        content = [w for w in normalise(phrase).split() if w not in STOPWORDS and not w.isdigit()]
        if len(content) >= 2:
            out.append(phrase)
    return out


def linear_scan(store: Store, phrase: str) -> int:
    """The baseline: read every paragraph's normalised text and test the phrase on letters and digits.

    It finds exact occurrences only, a subset of what `trace_phrase` finds, so the ratio is a lower bound.
    """
    key = normalise(phrase).replace(" ", "")
    hits = 0
    for (norm,) in store.conn.execute("SELECT norm FROM paragraphs"):
        if key in norm.replace(" ", ""):
            hits += 1
    return hits


def _read_rows(store: Store, ids: list[int]) -> float:
    """Seconds to read the document id, paragraph id and text of the rows ``ids`` (sorted) into tuples."""
    t = time.perf_counter()
    for start in range(0, len(ids), 10_000):
        chunk = ids[start : start + 10_000]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT doc_id, pid, text FROM paragraphs WHERE id IN ({marks})"
        store.conn.execute(sql, chunk).fetchall()
    return time.perf_counter() - t


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--paragraphs", type=int, default=1_000_000, help="synthetic paragraphs (default 1M)")
    ap.add_argument("--queries", type=int, default=200, help="phrase queries timed (default 200)")
    ap.add_argument("--scan-queries", type=int, default=5, help="of them, also timed as a linear scan")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--store", help="store path (default: a temporary file, deleted after)")
    ap.add_argument("--optimize", action="store_true", help="merge the FTS5 index after the build")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    ap.add_argument(
        "--reuse", action="store_true", help="with --store: query an existing store built by an earlier run"
    )
    ap.add_argument(
        "--batch",
        type=int,
        default=20_000,
        help="paragraphs per write transaction (default 20000; 0: one transaction a document)",
    )
    ap.add_argument(
        "--sync-off",
        action="store_true",
        help="bulk build with PRAGMA synchronous=OFF (Store.bulk_load(durable=False); see its crash note)",
    )
    ap.add_argument(
        "--workers",
        type=int,
        default=0,
        help="make the records in N worker processes while this one writes (default 0: all in this one)",
    )
    ap.add_argument("--no-tokenizer", action="store_true", help="skip the spaCy tokenizer reference run")
    ap.add_argument("--tokenizer-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    real = real_paragraphs()
    if args.tokenizer_only:
        print(json.dumps(tokenizer_rate(args.paragraphs, args.seed, real)))
        return 0
    print(f"real paragraphs: {len(real)}", file=sys.stderr)
    tmp = None
    reuse = bool(args.store and args.reuse and Path(args.store).is_file())
    if args.store:
        store_path = Path(args.store)
        for suffix in ("", "-wal", "-shm") if not reuse else ():
            Path(str(store_path) + suffix).unlink(missing_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="textdiff-bench-")
        store_path = Path(tmp.name) / "store.db"
    store = Store.open(store_path)

    made, build, generation, build_cpu = 0, 0.0, 0.0, 0.0
    if not reuse:
        made, build, generation, build_cpu = build_store(
            store, args.paragraphs, args.seed, real, args.batch, not args.sync_off, args.workers
        )
    if reuse:
        made = store.stats()["paragraphs"]
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    optimize_s = None
    if args.optimize:
        t = time.perf_counter()
        store.optimize()
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        optimize_s = time.perf_counter() - t
    stats = store.stats()

    phrases = NAMED_PHRASES + sample_phrases(real, max(0, args.queries - len(NAMED_PHRASES)), args.seed)
    trace_phrase(store, phrases[0])  # warm the page cache once, as a long-running service would be
    # How often each phrase occurs in the real corpus: a phrase found in a handful of real paragraphs is
    # what one traces; one found in hundreds ("the Secretary-General to submit") returns thousands here.
    real_norms = [f" {normalise(t)} " for _, _, t in real]
    real_counts = []
    for phrase in phrases:
        spaced = f" {normalise(phrase)} "
        real_counts.append(sum(spaced in n for n in real_norms))
    latencies, cpu, hits, exact_hits = [], [], [], []
    for phrase in phrases:
        t, c = time.perf_counter(), time.process_time()
        lineage = trace_phrase(store, phrase)
        latencies.append(time.perf_counter() - t)
        # CPU time as well: on a shared machine wall time also counts the other processes' turns.
        cpu.append(time.process_time() - c)
        hits.append(len(lineage.occurrences))
        exact_hits.append(sum(o.exact for o in lineage.occurrences))
    # The same queries again: rows read once are in SQLite's and the OS's caches now, as for a service
    # answering repeated or related queries.
    warm = []
    for phrase in phrases:
        t = time.perf_counter()
        trace_phrase(store, phrase)
        warm.append(time.perf_counter() - t)
    # The index stage alone (FTS5 candidates), without reading and verifying rows: what the answer's size
    # does not drive.
    stage, floor = [], []
    for phrase, n_hits in zip(phrases, hits, strict=True):
        t = time.perf_counter()
        ids = store.candidates(phrase)
        stage.append(time.perf_counter() - t)
        # The floor of a whole answer under the contract (every occurrence with its text): reading as
        # many rows as the answer has occurrences (row ids drawn from the candidates, which hold them), in
        # one SQLite statement, with no verification and no objects made.
        floor.append(_read_rows(store, ids[:: max(1, len(ids) // max(1, n_hits))][:n_hits]))
    scan_rows = []
    for i, phrase in enumerate(phrases[: args.scan_queries]):
        t = time.perf_counter()
        scan_hits = linear_scan(store, phrase)
        scan_s = time.perf_counter() - t
        scan_rows.append((phrase, scan_s, latencies[i], scan_hits, exact_hits[i]))
    store.close()
    peak_rss = _rss_mib()
    # The largest worker of a parallel build (children joined so far: the tokenizer runs after this).
    worker_rss = _rss_mib(resource.RUSAGE_CHILDREN) if args.workers and not reuse else None
    tok = None if reuse or args.no_tokenizer else _tokenizer_in_subprocess(args)

    p50, p95 = _pct(latencies, 0.5), _pct(latencies, 0.95)
    rare = [lat for lat, c in zip(latencies, real_counts, strict=True) if c <= 3]
    per_hit = [lat / h * 1e6 for lat, h in zip(latencies, hits, strict=True) if h >= 100]
    scan_med = statistics.median(r[1] for r in scan_rows) if scan_rows else float("nan")
    index_med_same = statistics.median(r[2] for r in scan_rows) if scan_rows else float("nan")
    figures = {
        "paragraphs": made,
        "documents": stats["documents"],
        "build_seconds": None if reuse else round(build, 1),
        "build_rate_paragraphs_per_s": None if reuse else round(made / build),
        "build_workers": None if reuse else args.workers,
        "build_cpu_seconds_all_processes": None if reuse else round(build_cpu, 1),
        "build_batch_paragraphs": None if reuse else args.batch,
        "build_synchronous": None if reuse else ("OFF" if args.sync_off else "NORMAL"),
        "generation_seconds": None if reuse else round(generation, 1),
        "tokenizer_paragraphs_per_s": round(tok["paragraphs_per_s"]) if tok else None,
        "build_to_tokenizer_ratio": round(made / build / tok["paragraphs_per_s"], 3) if tok else None,
        # Work, not speed: the tokenizer's CPU time over the build's in all its processes.
        "build_to_tokenizer_cpu_ratio": (
            round(tok["cpu_seconds"] / build_cpu, 3) if tok and build_cpu else None
        ),
        "optimize_seconds": None if optimize_s is None else round(optimize_s, 1),
        "store_mib": round(stats["bytes"] / 2**20, 1),
        "peak_rss_mib": round(peak_rss, 1),
        "peak_rss_worker_mib": None if worker_rss is None else round(worker_rss, 1),
        "queries": len(phrases),
        "query_p50_ms": round(p50 * 1000, 2),
        "query_p95_ms": round(p95 * 1000, 2),
        "query_max_ms": round(max(latencies) * 1000, 2),
        "query_cpu_p50_ms": round(_pct(cpu, 0.5) * 1000, 2),
        "query_cpu_p95_ms": round(_pct(cpu, 0.95) * 1000, 2),
        "warm_p50_ms": round(_pct(warm, 0.5) * 1000, 2),
        "warm_p95_ms": round(_pct(warm, 0.95) * 1000, 2),
        "candidates_p50_ms": round(_pct(stage, 0.5) * 1000, 2),
        "candidates_p95_ms": round(_pct(stage, 0.95) * 1000, 2),
        "answer_rows_read_p50_ms": round(_pct(floor, 0.5) * 1000, 2),
        "answer_rows_read_p95_ms": round(_pct(floor, 0.95) * 1000, 2),
        "distinctive_queries": len(rare),
        "distinctive_p50_ms": round(_pct(rare, 0.5) * 1000, 2) if rare else None,
        "distinctive_p95_ms": round(_pct(rare, 0.95) * 1000, 2) if rare else None,
        "us_per_occurrence_median": round(statistics.median(per_hit), 1) if per_hit else None,
        "occurrences_median": statistics.median(hits),
        "occurrences_max": max(hits),
        "scan_queries": len(scan_rows),
        "scan_median_ms": round(scan_med * 1000, 1),
        "index_median_ms_same_queries": round(index_med_same * 1000, 2),
        "speedup_median": round(scan_med / index_med_same, 1) if scan_rows else None,
        "speedup_vs_p95": round(scan_med / p95, 1) if scan_rows else None,
        "speedup_candidates_p95": round(scan_med / _pct(stage, 0.95), 1) if scan_rows else None,
        "scan_exact_agrees": all(r[3] == r[4] for r in scan_rows),
    }
    for phrase, scan_s, idx_s, scan_hits, idx_exact in scan_rows:
        print(
            f"  scan {scan_s * 1000:8.1f} ms ({scan_hits} exact) | index {idx_s * 1000:6.2f} ms "
            f"({idx_exact} exact) | {phrase}",
            file=sys.stderr,
        )
    width = max(len(k) for k in figures)
    for k, v in figures.items():
        print(f"{k:<{width}}  {v}")
    targets = made >= 1_000_000
    print(
        f"targets{' (1M)' if targets else ' (apply at 1M)'}: p95 ≤ 20 ms: {p95 * 1000 <= 20}; "
        f"≥ 100× the scan (median ÷ p95): {bool(scan_rows) and scan_med / p95 >= 100}; "
        f"build ≥ 1/3 of the tokenizer: {bool(tok) and made / build / tok['paragraphs_per_s'] >= 1 / 3}; "
        f"peak RSS ≤ 1 GiB (with the workers'): {peak_rss + (worker_rss or 0) * args.workers <= 1024}"
    )
    if args.json:
        detail = [
            {"phrase": ph, "ms": round(lat * 1000, 2), "occurrences": h, "exact": ex, "real_paragraphs": c}
            for ph, lat, h, ex, c in zip(phrases, latencies, hits, exact_hits, real_counts, strict=True)
        ]
        out = {"figures": figures, "queries": detail}
        Path(args.json).write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
