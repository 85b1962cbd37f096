"""The corpus store: incremental indexing, failures, kill -9 mid-index, and reads during writes (WAL)."""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus.store as store_module
from corpus.errors import InputError, TextdiffError
from corpus.store import Store, letters_key, normalise
from nlp.lineage import trace_phrase

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "tests" / "data" / "lineage"
COMMUNITY = "community of shared future for humankind"


def copy_corpus(dest: Path, copies: int = 1) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for f in sorted(BUNDLED.glob("*.txt")):
        for k in range(copies):
            name = f.name if copies == 1 else f"{k:02d}-{f.name}"
            shutil.copy(f, dest / name)
    return dest


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows, the FTS5 word index by term, and the word-pair index by term."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIRTUAL TABLE temp.pairs_vocab USING fts5vocab(main, paragraph_pairs, row)")
    tables = {
        t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
        for t in ("files", "documents", "paragraphs", "paragraph_vocab", "pairs_vocab")
    }
    conn.close()
    return tables


def check_integrity(store: Store) -> None:
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # FTS5's own check raises when the index and the content table disagree.
    store.conn.execute("INSERT INTO paragraph_fts(paragraph_fts) VALUES('integrity-check')")
    store.conn.execute("INSERT INTO paragraph_pairs(paragraph_pairs) VALUES('integrity-check')")
    orphans = store.conn.execute(
        "SELECT count(*) FROM files f WHERE f.error IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.file_id = f.id)"
    ).fetchone()[0]
    assert orphans == 0


def test_normalisation_keys():
    assert normalise("“Non -binding” norms, Côte d’Ivoire") == "nonbinding norms cote divoire"
    assert letters_key("non binding") == letters_key("non-binding") == letters_key("nonbinding")
    # A dash between spaces separates; a hyphen with one stray space joins.
    assert normalise("2021 – 2025") == "2021 2025" and normalise("non- binding") == "nonbinding"


def test_incremental_reindex(tmp_path, monkeypatch):
    corpus = copy_corpus(tmp_path / "corpus")
    db = tmp_path / "store.db"
    parsed: list[str] = []
    real_prepare = store_module.prepare_file

    def counting(path, *args, **kwargs):
        parsed.append(Path(path).name)
        return real_prepare(path, *args, **kwargs)

    monkeypatch.setattr(store_module, "prepare_file", counting)
    store = Store.open(db)
    seen: list[tuple[int, int]] = []
    report = store.index_directory(corpus, progress=lambda done, total, path: seen.append((done, total)))
    assert (report.added, report.failed, report.documents) == (7, [], 9)
    assert seen[-1] == (7, 7) and len(parsed) == 7

    # Nothing changed: no file is read again.
    parsed.clear()
    report = store.index_directory(corpus)
    assert (report.unchanged, report.added, report.changed) == (7, 0, 0) and parsed == []

    # A new mtime on the same bytes: hashed, found equal, not parsed.
    target = corpus / "A-RES-73-31.txt"
    os.utime(target, ns=(time.time_ns(), time.time_ns() + 10**9))
    report = store.index_directory(corpus)
    assert (report.touched, report.changed) == (1, 0) and parsed == []

    # Changed bytes: re-parsed, old paragraphs and their index entries gone.
    target.write_text(
        target.read_text(encoding="utf-8").replace(COMMUNITY, "common destiny of all mankind"),
        encoding="utf-8",
    )
    report = store.index_directory(corpus)
    assert report.changed == 1 and parsed == ["A-RES-73-31.txt"]
    assert "A/RES/73/31" not in {o.symbol for o in trace_phrase(store, COMMUNITY).occurrences}
    assert [p.document.symbol for p in store.search_phrase("common destiny of all mankind")] == [
        "A/RES/73/31"
    ]

    # A deleted file is forgotten.
    (corpus / "A-RES-73-27.txt").unlink()
    report = store.index_directory(corpus)
    assert report.removed == 1 and report.documents == 8
    assert store.find_documents(symbol="A/RES/73/27") == []
    assert "A/RES/73/27" not in {o.symbol for o in trace_phrase(store, COMMUNITY).occurrences}

    # A new file in a sub-folder is added.
    (corpus / "more").mkdir()
    shutil.copy(BUNDLED / "A-RES-73-27.txt", corpus / "more" / "A-RES-73-27.txt")
    report = store.index_directory(corpus)
    assert report.added == 1 and report.documents == 9
    check_integrity(store)
    store.close()


def test_failed_files_are_recorded_and_reported(tmp_path):
    corpus = copy_corpus(tmp_path / "corpus")
    bad = corpus / "notes.txt"
    bad.write_text("Minutes of a coffee break.\n", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    with Store.open(tmp_path / "s.db") as store:
        report = store.index_directory(corpus)
        assert report.added == 9
        assert [Path(p).name for p, _ in report.failed] == ["binary.txt", "notes.txt"]
        assert "enacting formula" in dict(report.failed)[str(bad)]
        assert "binary" in dict(report.failed)[str(corpus / "binary.txt")]
        # Unchanged failures stay reported on every run, not silently dropped.
        report = store.index_directory(corpus)
        assert report.unchanged == 9 and len(report.failed) == 2
        assert len(store.failures()) == 2
        # Fixed, the file is indexed and its failure cleared.
        bad.write_text("A/RES/9/9\n\nThe General Assembly,\n\n1. Decides to act.\n", encoding="utf-8")
        report = store.index_directory(corpus)
        assert report.changed == 1 and [Path(p).name for p, _ in report.failed] == ["binary.txt"]
        assert store.find_documents(symbol="A/RES/9/9")


def test_open_errors(tmp_path, monkeypatch):
    with pytest.raises(InputError, match="no corpus store"):
        Store.open(tmp_path / "missing.db", create=False)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(InputError, match="not a textdiff corpus store"):
        Store.open(junk)
    with Store.open(":memory:") as store, pytest.raises(InputError, match="not a directory"):
        store.index_directory(tmp_path / "nowhere")

    class NoFts5:
        def execute(self, sql, *args):
            raise sqlite3.OperationalError("no such module: fts5")

    with pytest.raises(TextdiffError, match="no FTS5"):
        store_module._check_fts5(NoFts5())  # type: ignore[arg-type]


_INDEXER = """
import sys, time
from corpus.store import Store
store = Store.open(sys.argv[1])
pause = float(sys.argv[3])
def progress(done, total, path):
    print(done, flush=True)
    time.sleep(pause)
store.index_directory(sys.argv[2], progress=progress)
print("finished", flush=True)
"""


def start_indexer(db: Path, corpus: Path, pause: float) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", _INDEXER, str(db), str(corpus), str(pause)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def kill_after_lines(proc: subprocess.Popen, lines: int) -> None:
    """Read ``lines`` lines of the child's progress, then kill it with SIGKILL and reap it."""
    assert proc.stdout is not None
    for _ in range(lines):
        proc.stdout.readline()
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL


def assert_equals_a_single_run(db: Path, corpus: Path, tmp_path: Path) -> None:
    """The store at ``db`` equals, row for row, one built from ``corpus`` in a single run."""
    fresh = tmp_path / "fresh.db"
    with Store.open(fresh) as store:
        store.index_directory(corpus)
    assert dump(db) == dump(fresh)


def test_kill_9_mid_index_leaves_a_usable_store_and_a_rerun_completes_it(tmp_path):
    corpus = copy_corpus(tmp_path / "corpus", copies=4)
    db = tmp_path / "store.db"
    proc = start_indexer(db, corpus, pause=0.0)
    # Kill while files are still being parsed and written (28 files; the kill lands after the fourth).
    kill_after_lines(proc, 4)

    with Store.open(db) as store:
        check_integrity(store)
        done = store.stats()["files"]
        assert 4 <= done < 28
        # What was committed is queryable as it stands.
        assert isinstance(trace_phrase(store, COMMUNITY).occurrences, tuple)
        report = store.index_directory(corpus)
        assert report.added == 28 - done and report.failed == []
        check_integrity(store)
    assert_equals_a_single_run(db, corpus, tmp_path)


def test_store_is_readable_while_another_process_writes(tmp_path):
    corpus = copy_corpus(tmp_path / "corpus", copies=3)
    db = tmp_path / "store.db"
    Store.open(db).close()
    proc = start_indexer(db, corpus, pause=0.1)
    counts: list[int] = []
    found: list[int] = []
    try:
        with Store.open(db, create=False) as reader:
            assert reader.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            while proc.poll() is None:
                counts.append(reader.conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0])
                found.append(len(reader.search_phrase(COMMUNITY)))
                time.sleep(0.02)
            final = reader.conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        assert proc.stdout is not None
        proc.stdout.close()
    assert proc.returncode == 0
    # The reader saw the store grow, commit by commit, never blocked and never a half-written file.
    assert counts == sorted(counts) and any(0 < c < final for c in counts)
    assert found == sorted(found) and found[-1] <= 12


def test_store_and_lineage_do_not_import_spacy():
    # spaCy costs ~0.6 s to import; `textdiff lineage` and `textdiff index` must not pay for it.
    code = (
        "import sys, corpus.store, nlp.lineage, textdiff.indexing; "
        "assert 'spacy' not in sys.modules, 'spacy imported'"
    )
    subprocess.run(
        [sys.executable, "-c", code], check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )


# --- the normalisation's fast path, the pair text, bulk writes ---

_TRICKY = (
    "aZ09 -'_\t\n\r\x0b\x0c\x1c\x1f.,;“”’‘ʼ\u00ad‐‑–—\u00a0\u2009\u202f\u2028\u0085"
    "éÉßﬁ²½ⅫǅΣσς\u0301\u0345İıŉǰЖ中ا\U0001d400\u0903ªºµſKÅǈ"
)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=16) | st.text(max_size=16))
def test_normalise_equals_its_word_by_word_definition(text):
    # The ASCII fast path (stand-ins, one joining pass, one split) against the tokens it stands for.
    assert normalise(text) == " ".join(w for w, _, _ in store_module.tokens(text))


def test_normalise_of_real_texts_and_every_character():
    texts = [f.read_text(encoding="utf-8") for f in sorted(BUNDLED.glob("*.txt"))]
    texts += [line for t in texts for line in t.splitlines()]
    texts += [
        form.format(chr(cp))
        for cp in range(0x20, 0x3000)
        for form in ("{}", "a{}b", "a-{}", "{}-b", "x {} -y", "A{}", "a{}-b", "a -{}")
    ]
    assert [normalise(t) for t in texts] == [" ".join(w for w, _, _ in store_module.tokens(t)) for t in texts]


@given(st.lists(st.sampled_from(["of", "the", "and", "norms", "state", "open", "secure", "x1"]), max_size=12))
def test_pairs_text_holds_the_content_pairs(words):
    assert sorted(store_module.pairs_text(" ".join(words)).split()) == sorted(
        store_module.content_pairs(words)
    )


def test_write_records_in_one_batch_equals_one_file_at_a_time(tmp_path):
    corpus = copy_corpus(tmp_path / "corpus")
    records = [store_module.prepare_file(str(p)) for p in store_module.corpus_files(corpus)]
    changed = dataclasses.replace(records[2], documents=records[2].documents[:1], sha256="other")
    # A path replaced inside the batch, and one given twice in it (the second replaces the first).
    batch = records[:3] + [changed, records[3], records[3]] + records[4:]
    with Store.open(tmp_path / "one.db") as store:
        for record in batch:
            store.write_record(record)
    with Store.open(tmp_path / "bulk.db") as store:
        store.write_records(batch[:4])
        store.bulk_load(batch[4:], batch_paragraphs=30, durable=False)
        check_integrity(store)
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL again
    assert dump(tmp_path / "one.db") == dump(tmp_path / "bulk.db")


_BULK_LOADER = """
import sys, time
from pathlib import Path
from corpus.store import Store, corpus_files, prepare_file
store = Store.open(sys.argv[1])
records = (prepare_file(str(p)) for p in corpus_files(sys.argv[2]))
def progress(written):
    print(written, flush=True)
    time.sleep(0.2)
store.bulk_load(records, batch_paragraphs=100, durable=False, progress=progress)
print("finished", flush=True)
"""


def test_kill_9_mid_bulk_load_leaves_a_usable_store_and_indexing_completes_it(tmp_path):
    corpus = copy_corpus(tmp_path / "corpus", copies=4)
    db = tmp_path / "store.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", _BULK_LOADER, str(db), str(corpus)], stdout=subprocess.PIPE, text=True, env=env
    )
    kill_after_lines(proc, 2)  # two batches committed, the third being written
    with Store.open(db) as store:
        check_integrity(store)
        done = store.stats()["files"]
        assert 2 <= done < 28
        assert isinstance(trace_phrase(store, COMMUNITY).occurrences, tuple)
        report = store.index_directory(corpus)
        assert report.added == 28 - done and report.unchanged == done and report.failed == []
        check_integrity(store)
    assert_equals_a_single_run(db, corpus, tmp_path)
