"""The store benchmark builds the same store whether its records are made here or in worker processes, so
the two build rates it reports are rates of the same work."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from corpus.series import load_directory
from corpus.store import Store

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "tests" / "data" / "lineage"


def dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    tables = {
        "documents": "SELECT * FROM documents ORDER BY id",
        "paragraphs": "SELECT * FROM paragraphs ORDER BY id",
        # The word index (external content) and the pair index (contentless) as their vocabularies.
        "words": "SELECT term, doc, cnt FROM paragraph_vocab ORDER BY term",
        "pairs": "SELECT count(*) FROM paragraph_pairs_data",
    }
    out = {name: conn.execute(sql).fetchall() for name, sql in tables.items()}
    conn.close()
    return out


def test_build_with_workers_equals_build_in_one_process(tmp_path, monkeypatch):
    # Spawned workers import the benchmark by name, from the parent's sys.path.
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import store_bench

    docs, failed = load_directory(BUNDLED)
    assert not failed
    real = [(d.title or "", p.lead or "", p.text) for d in docs for p in d.paragraphs]
    built = {}
    for workers in (0, 2):
        path = tmp_path / f"w{workers}.db"
        store = Store.open(path)
        made, seconds, _gen, cpu = store_bench.build_store(store, 5_000, 11, real, 1_000, False, workers)
        store.close()
        assert made == 5_000 and seconds > 0 and cpu > 0
        built[workers] = dump(path)
    assert built[0] == built[2]
    assert len(built[0]["paragraphs"]) == 5_000
    # Both stores answer a pair query alike (the pair index has no vocabulary table to compare).
    answers = []
    for workers in (0, 2):
        store = Store.open(tmp_path / f"w{workers}.db", create=False)
        phrases = ("the General Assembly", "human rights and fundamental")
        answers.append([store.candidates(p) for p in phrases])
        store.close()
    assert answers[0] == answers[1] and answers[0][1]
