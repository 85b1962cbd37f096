"""An embedded SQLite store of a corpus: its files, documents and paragraphs with a full-text index of their
normalised text, brought up to date incrementally and readable by other processes while it is written.

# Steps: list the corpus files → compare size and mtime, then sha256, with the ``files`` table
# (`Store.scan`) → read, parse and normalise each new or changed file (`prepare_file`: pure and
# picklable, so worker processes can run it) → write each file's documents, paragraphs and FTS5 rows in
# one transaction (`Store.write_record`; a first build or a Dask batch puts many files in one,
# `Store.bulk_load`, `Store.apply_many`) → forget files gone from disk. Search (`Store.candidates`,
# `Store.candidate_rows`) turns a phrase into an FTS5 query that tolerates a missing or changed word;
# `nlp.lineage` verifies the hits.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from corpus.errors import InputError, TextdiffError
from corpus.model import Document

__all__ = [
    "STOPWORDS",
    "DocumentRecord",
    "FileChange",
    "FileRecord",
    "IndexReport",
    "ParagraphRecord",
    "Store",
    "StoredDocument",
    "StoredParagraph",
    "content_pairs",
    "corpus_files",
    "letters_key",
    "normalise",
    "pairs_text",
    "prepare_file",
    "record_documents",
    "tokens",
]

# Bump when the schema or the normalisation changes: a store of another version is rebuilt from scratch,
# because its normalised text would no longer match queries normalised the new way.
SCHEMA_VERSION = 1

# A word is letters and digits; an apostrophe or a hyphen inside it joins ("State’s", "non-binding"), and
# so does a hyphen with a stray space on one side, as PDF extraction leaves it ("non -binding",
# "non- binding"). A hyphen with spaces on both sides is a dash and separates.
_WORD = re.compile(r"[^\W_]+(?:(?:['’‘ʼ\u00ad]|[-‐‑]\s?|\s[-‐‑](?=[^\W_]))[^\W_]+)*")
_JOINERS = re.compile(r"[^\w]|_")

# Function words carry no evidence that a paragraph holds a phrase: they are left out of the FTS5 query
# (their posting lists cover nearly every paragraph) but kept in the normalised text and in verification.
STOPWORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or that the their this to was were "
    "which with".split()
)


@lru_cache(maxsize=1 << 18)
def _fold(word: str) -> str:
    # NFKD splits "é" into "e" + accent and ligatures into letters; casefold then unifies "ß"/"ss" too.
    decomposed = unicodedata.normalize("NFKD", word)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _JOINERS.sub("", base)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """The search words of ``text`` with their character spans in it.

    >>> tokens("“Non -binding” norms")
    [('nonbinding', 1, 13), ('norms', 15, 20)]
    """
    out = []
    for m in _WORD.finditer(text):
        word = _fold(m.group(0))
        if word:
            out.append((word, m.start(), m.end()))
    return out


def normalise(text: str) -> str:
    """The search form of a text: words case-folded, accents, quotes and punctuation gone, hyphens joined.

    Equal to ``" ".join(w for w, _, _ in tokens(text))``, computed without a Python step per word when every
    character of the text has an ASCII stand-in (`_ascii_form`); other texts take that per-word path.

    >>> normalise("Voluntary, non -binding norms of responsible State’s behaviour — Côte d’Ivoire")
    'voluntary nonbinding norms of responsible states behaviour cote divoire'
    >>> normalise("non-binding") == normalise("non -binding") == normalise("Nonbinding")
    True
    >>> normalise("Москва, non-binding") == "москва nonbinding"
    True
    """
    ascii_text = _ascii_form(text)
    if ascii_text is None:
        return " ".join(w for w, _, _ in tokens(text))
    ascii_text = ascii_text.lower()
    if "'" in ascii_text or "-" in ascii_text:
        ascii_text = _ASCII_JOIN.sub("", ascii_text)
    return " ".join(ascii_text.translate(_ASCII_SEPARATORS).split())


# The fast path of `normalise`. Each non-ASCII character is replaced by an ASCII stand-in that plays the
# same part in `_WORD` and yields the same letters in `_fold`: a word character by its folded letters
# ("é" → "e", "ß" → "ss", "ﬁ" → "fi", "²" → "2"), which `_fold` may compute character by character
# (decomposition, dropping combining marks, case folding and dropping non-word characters all act per
# character); an apostrophe-like joiner by "'", a hyphen by "-", a space by " ", any other character by
# "/" (a separator, as it was). A word character without an ASCII alphanumeric folding (Cyrillic, CJK)
# has no stand-in, and its text takes the per-word path. On ASCII text, `_WORD` joins two runs of letters
# and digits exactly where `_ASCII_JOIN` finds a joiner between them; a word's folded form is then its
# letters and digits, lower-cased.
_ASCII_SPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"  # the ASCII characters `\s` matches
_ASCII_JOIN = re.compile(f"(?<=[a-z0-9])(?:'|-[{_ASCII_SPACE}]?|[{_ASCII_SPACE}]-)(?=[a-z0-9])")
_ASCII_SEPARATORS = {c: " " for c in range(128) if not chr(c).isalnum()}
_STAND_IN: dict[int, str] = {}
_NO_STAND_IN: set[str] = set()
_WORD_CHAR = re.compile(r"[^\W_]")
_SPACE_CHAR = re.compile(r"\s")


def _stand_in(c: str) -> str | None:
    # Word characters first: "ʼ" (a modifier letter) is one, though `_WORD` also lists it as a joiner.
    if _WORD_CHAR.match(c):
        folded = _fold(c)
        return folded if folded and folded.isascii() and folded.isalnum() else None
    if c in "’‘ʼ\u00ad":
        return "'"
    if c in "‐‑":
        return "-"
    if _SPACE_CHAR.match(c):
        return " "
    return "/"


def _ascii_form(text: str) -> str | None:
    """``text`` with every non-ASCII character replaced by its stand-in; None when one has none."""
    if text.isascii():
        return text
    out = text.translate(_STAND_IN)
    if out.isascii():
        return out
    for c in {c for c in out if ord(c) > 127}:
        if c in _NO_STAND_IN:
            return None
        stand_in = _stand_in(c)
        if stand_in is None:
            _NO_STAND_IN.add(c)
            return None
        _STAND_IN[ord(c)] = stand_in
    return text.translate(_STAND_IN)


def letters_key(text: str) -> str:
    """Letters and digits only: the key on which a PDF split word ("non binding") equals its whole form.

    >>> letters_key("non binding") == letters_key("non-binding") == letters_key("nonbinding")
    True
    """
    return normalise(text).replace(" ", "")


def content_pairs(words: list[str]) -> list[str]:
    """The word pairs of a normalised text that the variant index keeps: each content word (function words
    left aside) with the next one and the one after, as ``a_b``.

    A phrase with one word changed, dropped or inserted still shares pairs with its original: "voluntary
    and non-binding norms" and "voluntary, non-binding norms" have the same ones.

    >>> content_pairs("voluntary and nonbinding norms of state behaviour".split())
    ['voluntary_nonbinding', 'voluntary_norms', 'nonbinding_norms', 'nonbinding_state', 'norms_state', \
'norms_behaviour', 'state_behaviour']
    """
    content = [w for w in words if w not in STOPWORDS]
    out = []
    for i, w in enumerate(content):
        for j in (i + 1, i + 2):
            if j < len(content):
                out.append(f"{w}_{content[j]}")
    return out


def pairs_text(norm: str) -> str:
    """The text the word-pair index holds for a normalised text: its `content_pairs`, in another order
    (the index keeps which rows hold a pair, not where), built without a Python step per pair.

    >>> sorted(pairs_text("voluntary and nonbinding norms of state").split()) == sorted(
    ...     content_pairs("voluntary and nonbinding norms of state".split()))
    True
    """
    content = [w for w in norm.split() if w not in STOPWORDS]
    nexts = map("_".join, zip(content, content[1:], strict=False))
    after = map("_".join, zip(content, content[2:], strict=False))
    return " ".join(itertools.chain(nexts, after))


# --- records: what a parsed file contributes to the store (picklable, so workers can build them) ---


@dataclass(frozen=True)
class ParagraphRecord:
    """One paragraph as stored: its contract fields, its normalised text and its word pairs (`pairs_text`).

    Everything the writer stores is computed here, where the file is parsed (a worker process, when the
    indexing is spread): the single writer then only writes. Make records with `of`: the store deletes a
    paragraph's pairs by recomputing ``pairs_text(norm)``, so ``pairs`` must be exactly that.
    """

    pid: str
    kind: str
    number: int
    lead: str | None
    text: str
    norm: str
    pairs: str

    @classmethod
    def of(cls, pid: str, kind: str, number: int, lead: str | None, text: str) -> ParagraphRecord:
        """The record of a paragraph: normalised and paired here.

        >>> ParagraphRecord.of("pp1", "preambular", 1, None, "Welcoming voluntary, non-binding norms").pairs
        'welcoming_voluntary voluntary_nonbinding nonbinding_norms welcoming_nonbinding voluntary_norms'
        """
        norm = normalise(text)
        return cls(pid, kind, number, lead, text, norm, pairs_text(norm))


@dataclass(frozen=True)
class DocumentRecord:
    """One document as stored."""

    position: int
    symbol: str | None
    title: str | None
    date: str | None
    kind: str
    label: str | None
    series: str
    source: str | None
    paragraphs: tuple[ParagraphRecord, ...]


@dataclass(frozen=True)
class FileRecord:
    """A file read and parsed: its identity on disk and its documents, or the error that stopped it."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    documents: tuple[DocumentRecord, ...] = ()
    error: str | None = None


def record_documents(docs: Iterable[Document]) -> tuple[DocumentRecord, ...]:
    """Turn parsed documents into store records (normalising and pairing each paragraph once, here).

    >>> from corpus.model import Document, Paragraph
    >>> p = Paragraph("op1", "operative", 1, "Decides", "Decides to remain seized of the matter.")
    >>> record_documents([Document("A/RES/1/1", "T", "2020-01-01", None, "resolution", (p,))])[0].series
    't'
    """
    from corpus.series import title_key

    out = []
    for d in docs:
        paras = tuple(ParagraphRecord.of(p.id, p.kind, p.number, p.lead, p.text) for p in d.paragraphs)
        out.append(
            DocumentRecord(
                d.position, d.symbol, d.title, d.date, d.kind, d.label, title_key(d.title), d.source, paras
            )
        )
    return tuple(out)


def prepare_file(path: str, data: bytes | None = None, size: int = -1, mtime_ns: int = -1) -> FileRecord:
    """Read (unless ``data`` is given), hash and parse one file into a `FileRecord`.

    A file that cannot be read or parsed gives a record with ``error`` set, so that it is stored and
    reported rather than skipped. Runs in worker processes: it touches no store.
    """
    try:
        if data is None or size < 0 or mtime_ns < 0:
            st = os.stat(path)
            size, mtime_ns = st.st_size, st.st_mtime_ns
            if data is None:
                with open(path, "rb") as fh:
                    data = fh.read()
    except OSError as e:
        return FileRecord(path, max(size, 0), max(mtime_ns, 0), "", error=f"cannot be read: {e.strerror}")
    sha = hashlib.sha256(data).hexdigest()
    from corpus.loaders import load_bytes

    try:
        docs = load_bytes(data, path)
    except TextdiffError as e:
        return FileRecord(path, size, mtime_ns, sha, error=str(e))
    except Exception as e:  # noqa: BLE001 - a parser bug on one file must not stop a corpus index
        return FileRecord(path, size, mtime_ns, sha, error=f"{path}: parser failed ({type(e).__name__}: {e})")
    return FileRecord(path, size, mtime_ns, sha, record_documents(docs))


_SKIPPED_NAMES = frozenset({"README.MD", "SOURCES.MD", "CHANGELOG.MD"})


def corpus_files(directory: str | Path) -> list[Path]:
    """The corpus files under ``directory`` (absolute, sorted), chosen as `corpus.series.load_directory` does.

    Raises:
        InputError: ``directory`` is not a directory.
    """
    root = Path(directory)
    if not root.is_dir():
        raise InputError("is not a directory. To fix: give the folder that holds the corpus", str(directory))
    root = root.resolve()
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() in (".txt", ".md") and p.name.upper() not in _SKIPPED_NAMES
    )


# --- the store ---


@dataclass(frozen=True)
class StoredDocument:
    """A document row of the store."""

    id: int
    symbol: str | None
    title: str | None
    date: str | None
    kind: str
    label: str | None
    series: str
    source: str | None
    position: int

    @property
    def name(self) -> str:
        """The symbol, else the file name with the report label or position (as `Document.name`)."""
        if self.symbol:
            return self.symbol
        base = (self.source or "document").replace("\\", "/").rsplit("/", 1)[-1]
        if self.label:
            return f"{base} {self.label}"
        return base if self.position == 1 else f"{base}#{self.position}"


@dataclass(frozen=True)
class StoredParagraph:
    """A paragraph row of the store, with its document."""

    id: int
    document: StoredDocument
    pid: str
    kind: str
    number: int
    lead: str | None
    text: str
    norm: str


@dataclass(frozen=True)
class FileChange:
    """What `Store.scan` found for one file: ``new``, ``changed``, ``touched`` (same bytes, new mtime),
    ``removed`` or ``unchanged``; ``data`` holds the bytes of a new or changed file."""

    path: str
    action: str
    size: int = 0
    mtime_ns: int = 0
    sha256: str = ""
    data: bytes | None = field(default=b"", repr=False)


@dataclass
class IndexReport:
    """What one indexing run did. ``failed`` lists every file of the directory that could not be parsed
    (this run's and earlier runs' unchanged ones), as (path, message)."""

    added: int = 0
    changed: int = 0
    touched: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0
    paragraphs: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for stderr."""
        return (
            f"{self.added} added, {self.changed} changed, {self.removed} removed, "
            f"{self.unchanged + self.touched} unchanged, {len(self.failed)} failed; "
            f"{self.documents} documents, {self.paragraphs} paragraphs in the store ({self.seconds:.1f} s)"
        )


Progress = Callable[[int, int, str], None]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files(
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL, error TEXT);
CREATE TABLE IF NOT EXISTS documents(
    id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES files(id), position INTEGER NOT NULL,
    symbol TEXT, title TEXT, date TEXT, kind TEXT NOT NULL, label TEXT, series TEXT NOT NULL, source TEXT);
CREATE INDEX IF NOT EXISTS documents_file ON documents(file_id);
CREATE INDEX IF NOT EXISTS documents_symbol ON documents(symbol);
CREATE TABLE IF NOT EXISTS paragraphs(
    id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id), pid TEXT NOT NULL,
    kind TEXT NOT NULL, number INTEGER NOT NULL, lead TEXT, text TEXT NOT NULL, norm TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS paragraphs_doc ON paragraphs(doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS paragraph_fts USING fts5(
    norm, content='paragraphs', content_rowid='id', tokenize='unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE IF NOT EXISTS paragraph_vocab USING fts5vocab(paragraph_fts, row);
CREATE VIRTUAL TABLE IF NOT EXISTS paragraph_pairs USING fts5(
    pairs, content='', detail=none, tokenize="unicode61 remove_diacritics 0 tokenchars '_'");
"""
# FTS5's in-memory budget for new terms before it writes a segment (see `Store._tune_fts`): a bulk batch
# of 20,000 paragraphs fits. Costs memory only while a transaction writes.
_FTS_HASHSIZE = 64 * 1024 * 1024
_TABLES = ("paragraph_pairs", "paragraph_vocab", "paragraph_fts", "paragraphs", "documents", "files", "meta")


def _check_fts5(conn: sqlite3.Connection) -> None:
    try:
        conn.execute("CREATE VIRTUAL TABLE temp._textdiff_fts5_probe USING fts5(x)")
        conn.execute("DROP TABLE temp._textdiff_fts5_probe")
    except sqlite3.OperationalError as e:
        raise TextdiffError(
            f"the SQLite library of this Python ({sqlite3.sqlite_version}) has no FTS5 full-text index, "
            "which the corpus store needs. To fix: use a Python whose sqlite3 is built with FTS5 "
            "(python.org, Debian and conda builds are)"
        ) from e


_DOC_COLUMNS = "d.id, d.symbol, d.title, d.date, d.kind, d.label, d.series, d.source, d.position"
_PARA_COLUMNS = "p.id, p.pid, p.kind, p.number, p.lead, p.text, p.norm"


class Store:
    """A corpus store in one SQLite file (WAL mode: readers see the last committed file while it is written).

    >>> store = Store.open(":memory:")
    >>> from corpus.loaders.text import load_text
    >>> docs = load_text("The General Assembly,\\n\\nWelcoming voluntary, non-binding norms,\\n\\n"
    ...                  "1. Decides to act.", "a.txt")
    >>> store.write_record(FileRecord("a.txt", 1, 1, "x", record_documents(docs)))
    >>> [p.pid for p in store.search_phrase("voluntary non -binding norms")]
    ['pp1']
    >>> store.close()
    """

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._data_version = -1
        self._has_word: dict[str, bool] = {}
        self._documents: dict[int, StoredDocument] = {}
        self._memos: dict[str, dict[int, object]] = {}
        self._tuned = False

    @classmethod
    def open(cls, path: str | Path, create: bool = True) -> Store:
        """Open (and, unless ``create`` is false, create) the store at ``path`` (``":memory:"`` works too).

        Raises:
            InputError: ``create`` is false and there is no store at ``path``, or the file is no store.
            TextdiffError: SQLite lacks FTS5.
        """
        spec = str(path)
        if spec != ":memory:" and not create and not Path(spec).is_file():
            raise InputError(
                "no corpus store here. To fix: build it with: textdiff index DIR --store PATH", spec
            )
        try:
            conn = sqlite3.connect(spec, timeout=30.0, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as e:
            raise InputError(f"cannot open the corpus store: {e}", spec) from e
        try:
            _check_fts5(conn)
            if spec != ":memory:":
                conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode keeps every commit atomic and durable against a crash of the process
            # (what kill -9 tests); only a power cut may lose the last commits, which a rerun redoes.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=30000")
            conn.execute("PRAGMA cache_size=-65536")
            # Reads through a memory map skip a copy per page (phrase search reads rows at random); the cap
            # bounds the resident memory it can add.
            conn.execute("PRAGMA mmap_size=268435456")
            store = cls(conn, spec)
            store._migrate(create)
        except TextdiffError:
            conn.close()
            raise
        except sqlite3.DatabaseError as e:
            conn.close()
            raise InputError(
                f"is not a textdiff corpus store ({e}). To fix: give another --store path", spec
            ) from e
        return store

    def _migrate(self, create: bool) -> None:
        has_meta = self.conn.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone()
        version = None
        if has_meta:
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            version = int(row[0]) if row else None
        if version == SCHEMA_VERSION:
            return
        if not create:
            raise InputError(
                f"corpus store of version {version}, this textdiff reads version {SCHEMA_VERSION}. "
                "To fix: rebuild it with: textdiff index DIR --store PATH",
                self.path,
            )
        with self._transaction():
            if version is not None:
                # An older store is a cache of the corpus files: rebuilt, never half-converted.
                for table in _TABLES:
                    self.conn.execute(f"DROP TABLE IF EXISTS {table}")
            for stmt in _SCHEMA.split(";"):
                if stmt.strip():
                    self.conn.execute(stmt)
            self.conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', ?)", (str(SCHEMA_VERSION),)
            )

    def close(self) -> None:
        """Close the connection (the store stays on disk)."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ---

    class _Tx:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self.conn = conn

        def __enter__(self) -> sqlite3.Connection:
            # IMMEDIATE takes the write lock up front, so two writers queue instead of failing mid-way.
            self.conn.execute("BEGIN IMMEDIATE")
            return self.conn

        def __exit__(self, exc_type: object, *rest: object) -> None:
            self.conn.execute("ROLLBACK" if exc_type else "COMMIT")

    def _transaction(self) -> Store._Tx:
        return Store._Tx(self.conn)

    def _delete_file_rows(self, conn: sqlite3.Connection, file_id: int) -> None:
        # External-content and contentless FTS5 forget a row only when told the exact text they indexed.
        rows = conn.execute(
            "SELECT p.id, p.norm FROM paragraphs p JOIN documents d ON d.id = p.doc_id WHERE d.file_id = ?",
            (file_id,),
        ).fetchall()
        conn.executemany("INSERT INTO paragraph_fts(paragraph_fts, rowid, norm) VALUES('delete', ?, ?)", rows)
        conn.executemany(
            "INSERT INTO paragraph_pairs(paragraph_pairs, rowid, pairs) VALUES('delete', ?, ?)",
            [(rid, pairs_text(norm)) for rid, norm in rows],
        )
        conn.execute(
            "DELETE FROM paragraphs WHERE doc_id IN (SELECT id FROM documents WHERE file_id = ?)", (file_id,)
        )
        conn.execute("DELETE FROM documents WHERE file_id = ?", (file_id,))

    def write_record(self, record: FileRecord) -> None:
        """Replace everything stored for ``record.path`` by the record, in one transaction."""
        self.write_records([record])

    def write_records(self, records: Iterable[FileRecord]) -> None:
        """Replace everything stored for each record's path by the record, all in one transaction.

        The bulk path: rows go in with one statement per table for the whole batch, and FTS5 writes one
        index segment per transaction, so a batch of thousands of paragraphs writes several times faster
        than a transaction per file. A crash (even ``kill -9``) loses the uncommitted batch only: its
        files are not in the ``files`` table either, so the next scan finds them new and writes them
        again. Row ids are those a row-by-row insert would get (one more than the largest), so a store
        does not depend on how its files were batched.
        """
        with self._transaction() as conn:
            self._tune_fts(conn)
            self._write(conn, records)

    def bulk_load(
        self,
        records: Iterable[FileRecord],
        batch_paragraphs: int = 20_000,
        durable: bool = True,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Write a stream of records in transactions of about ``batch_paragraphs`` paragraphs each (a first
        build, or a large update); returns the paragraphs written. ``progress(paragraphs)`` is called after
        each commit.

        Each transaction holds whole files, so an interrupted load (even ``kill -9``) leaves a consistent
        store holding the batches committed so far, and `index_directory` over the same folder completes
        it (the other files are not in the ``files`` table).

        ``durable=False`` sets ``PRAGMA synchronous=OFF`` for the load (``NORMAL`` again after it): commits
        and checkpoints no longer wait for the disk. A crash of the process (``kill -9`` included) still
        loses nothing committed, as the data is in the operating system's hands; a power cut or an
        operating-system crash during the load may corrupt the store, which must then be rebuilt (it is a
        cache of the corpus files). Incremental indexing (`index_directory`) always stays durable.
        """
        batch: list[FileRecord] = []
        size = written = 0
        if not durable:
            self.conn.execute("PRAGMA synchronous=OFF")
        try:
            for record in records:
                batch.append(record)
                size += sum(len(d.paragraphs) for d in record.documents)
                if size >= batch_paragraphs:
                    self.write_records(batch)
                    written += size
                    batch, size = [], 0
                    if progress:
                        progress(written)
            if batch:
                self.write_records(batch)
                written += size
                if progress:
                    progress(written)
        finally:
            if not durable:
                self.conn.execute("PRAGMA synchronous=NORMAL")
        return written

    def _tune_fts(self, conn: sqlite3.Connection) -> None:
        # FTS5 flushes its in-memory terms to a new index segment at each commit, or sooner when they
        # exceed ``hashsize`` (1 MiB by default): a larger budget makes a bulk transaction one segment
        # (fewer merges later). Stored in the index's config, so it is set once per store.
        if self._tuned:
            return
        for table in ("paragraph_fts", "paragraph_pairs"):
            row = conn.execute(f"SELECT v FROM {table}_config WHERE k = 'hashsize'").fetchone()
            if row is None or row[0] != _FTS_HASHSIZE:
                conn.execute(f"INSERT INTO {table}({table}, rank) VALUES('hashsize', ?)", (_FTS_HASHSIZE,))
        self._tuned = True

    def _write(self, conn: sqlite3.Connection, records: Iterable[FileRecord]) -> None:
        paragraphs: list[tuple[int, int, str, str, int, str | None, str, str]] = []
        pairs: list[tuple[int, str]] = []

        def flush() -> None:
            conn.executemany(
                "INSERT INTO paragraphs(id, doc_id, pid, kind, number, lead, text, norm)"
                " VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
                paragraphs,
            )
            conn.executemany(
                "INSERT INTO paragraph_fts(rowid, norm) VALUES(?, ?)", [(r[0], r[7]) for r in paragraphs]
            )
            conn.executemany("INSERT INTO paragraph_pairs(rowid, pairs) VALUES(?, ?)", pairs)
            paragraphs.clear()
            pairs.clear()

        def next_ids() -> tuple[int, int]:
            doc = conn.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]
            para = conn.execute("SELECT coalesce(max(id), 0) FROM paragraphs").fetchone()[0]
            return doc + 1, para + 1

        doc_id, para_id = next_ids()
        for record in records:
            row = conn.execute("SELECT id FROM files WHERE path = ?", (record.path,)).fetchone()
            if row:
                file_id = row[0]
                # The rows still to insert may be this path's (a path twice in a batch), and a delete may
                # lower the largest ids: insert first, then delete, then count ids again.
                flush()
                self._delete_file_rows(conn, file_id)
                doc_id, para_id = next_ids()
                conn.execute(
                    "UPDATE files SET size = ?, mtime_ns = ?, sha256 = ?, error = ? WHERE id = ?",
                    (record.size, record.mtime_ns, record.sha256, record.error, file_id),
                )
            else:
                cur = conn.execute(
                    "INSERT INTO files(path, size, mtime_ns, sha256, error) VALUES(?, ?, ?, ?, ?)",
                    (record.path, record.size, record.mtime_ns, record.sha256, record.error),
                )
                file_id = cur.lastrowid
            for d in record.documents:
                conn.execute(
                    "INSERT INTO documents(id, file_id, position, symbol, title, date, kind, label, series,"
                    " source) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        doc_id,
                        file_id,
                        d.position,
                        d.symbol,
                        d.title,
                        d.date,
                        d.kind,
                        d.label,
                        d.series,
                        d.source,
                    ),
                )
                for p in d.paragraphs:
                    paragraphs.append((para_id, doc_id, p.pid, p.kind, p.number, p.lead, p.text, p.norm))
                    pairs.append((para_id, p.pairs))
                    para_id += 1
                doc_id += 1
        flush()

    def touch_file(self, path: str, size: int, mtime_ns: int) -> None:
        """Record a new size/mtime for a file whose bytes did not change."""
        with self._transaction() as conn:
            conn.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", (size, mtime_ns, path))

    def remove_file(self, path: str) -> None:
        """Forget a file and its documents, in one transaction."""
        with self._transaction() as conn:
            row = conn.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()
            if row:
                self._delete_file_rows(conn, row[0])
                conn.execute("DELETE FROM files WHERE id = ?", (row[0],))

    def optimize(self) -> None:
        """Merge the FTS5 index into one segment (faster queries after a large build; rewrites the index)."""
        with self._transaction() as conn:
            conn.execute("INSERT INTO paragraph_fts(paragraph_fts) VALUES('optimize')")

    def scan(self, directory: str | Path) -> Iterator[FileChange]:
        """Compare the corpus files of ``directory`` with the store, lazily, file by file.

        Size and mtime decide first; a file whose size or mtime moved is read and hashed, and counts as
        changed only when its sha256 differs. Files of the store under ``directory`` that are gone from
        disk come last, as ``removed``.
        """
        files = corpus_files(directory)
        root = str(Path(directory).resolve())
        known = {
            path: (size, mtime, sha)
            for path, size, mtime, sha in self.conn.execute("SELECT path, size, mtime_ns, sha256 FROM files")
            if _is_under(path, root)
        }
        for p in files:
            path = str(p)
            try:
                st = p.stat()
            except OSError:
                continue  # gone between listing and stat: it is handled as removed below
            old = known.pop(path, None)
            if old and old[0] == st.st_size and old[1] == st.st_mtime_ns:
                yield FileChange(path, "unchanged", st.st_size, st.st_mtime_ns, old[2])
                continue
            try:
                data = p.read_bytes()
            except OSError:
                # Unreadable now: parsing it again records the error, so it is reported, not skipped.
                yield FileChange(path, "changed" if old else "new", st.st_size, st.st_mtime_ns, "", None)
                continue
            sha = hashlib.sha256(data).hexdigest()
            if old and old[2] == sha:
                yield FileChange(path, "touched", st.st_size, st.st_mtime_ns, sha)
            else:
                yield FileChange(path, "changed" if old else "new", st.st_size, st.st_mtime_ns, sha, data)
        for path in sorted(known):
            yield FileChange(path, "removed")

    def apply(self, change: FileChange, record: FileRecord | None, report: IndexReport) -> None:
        """Write one scanned change (with its parsed record for new and changed files) and count it."""
        if change.action == "unchanged":
            report.unchanged += 1
        elif change.action == "touched":
            self.touch_file(change.path, change.size, change.mtime_ns)
            report.touched += 1
        elif change.action == "removed":
            self.remove_file(change.path)
            report.removed += 1
        else:
            assert record is not None
            self.write_record(record)
            if change.action == "new":
                report.added += 1
            else:
                report.changed += 1

    def apply_many(
        self, changes: Sequence[FileChange], records: Sequence[FileRecord | None], report: IndexReport
    ) -> None:
        """`apply` for several scanned changes in order, the consecutive new and changed files among them
        written in one transaction (`write_records`): the store is the one `apply` would leave."""
        run: list[tuple[FileChange, FileRecord]] = []

        def flush() -> None:
            if run:
                self.write_records([record for _, record in run])
                for change, _ in run:
                    if change.action == "new":
                        report.added += 1
                    else:
                        report.changed += 1
                run.clear()

        for change, record in zip(changes, records, strict=True):
            if change.action in ("new", "changed"):
                assert record is not None
                run.append((change, record))
            else:
                flush()
                self.apply(change, record, report)
        flush()

    def finish(self, directory: str | Path, report: IndexReport, started: float) -> IndexReport:
        """Fill a report's failures and totals after a run over ``directory``."""
        root = str(Path(directory).resolve())
        report.failed = [
            (path, error)
            for path, error in self.conn.execute(
                "SELECT path, error FROM files WHERE error IS NOT NULL ORDER BY path"
            )
            if _is_under(path, root)
        ]
        report.documents = self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        report.paragraphs = self.conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
        report.seconds = time.monotonic() - started
        return report

    def index_directory(self, directory: str | Path, progress: Progress | None = None) -> IndexReport:
        """Bring the store up to date with the corpus files under ``directory``, in this process.

        Only new and changed files are parsed; each file is written in its own transaction, so an
        interrupted run leaves a usable store and the next run completes it. ``progress(done, total, path)``
        is called after each file.

        Raises:
            InputError: ``directory`` is not a directory.
        """
        started = time.monotonic()
        report = IndexReport()
        total = len(corpus_files(directory))
        done = 0
        for change in self.scan(directory):
            record = None
            if change.action in ("new", "changed"):
                record = prepare_file(change.path, change.data, change.size, change.mtime_ns)
            self.apply(change, record, report)
            if change.action != "removed":
                done += 1
                if progress:
                    progress(done, total, change.path)
        return self.finish(directory, report, started)

    # --- reading ---

    def failures(self) -> list[tuple[str, str]]:
        """Every stored file that could not be parsed, as (path, message)."""
        return list(self.conn.execute("SELECT path, error FROM files WHERE error IS NOT NULL ORDER BY path"))

    def documents(self) -> list[StoredDocument]:
        """All documents, by date (undated last), then symbol, then source and position."""
        rows = self.conn.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents d "
            "ORDER BY d.date IS NULL, d.date, d.symbol, d.source, d.position"
        )
        return [StoredDocument(*r) for r in rows]

    def document(self, doc_id: int) -> StoredDocument:
        """The document with row id ``doc_id``; ``KeyError`` if there is none."""
        row = self.conn.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents d WHERE d.id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            raise KeyError(doc_id)
        return StoredDocument(*row)

    def find_documents(self, symbol: str | None = None, source: str | None = None) -> list[StoredDocument]:
        """Documents by symbol and/or source path (as stored: absolute)."""
        where, args = [], []
        if symbol is not None:
            where.append("d.symbol = ?")
            args.append(symbol)
        if source is not None:
            where.append("d.source = ?")
            args.append(source)
        sql = f"SELECT {_DOC_COLUMNS} FROM documents d"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [StoredDocument(*r) for r in self.conn.execute(sql + " ORDER BY d.id", args)]

    def paragraphs(self, doc_id: int) -> list[StoredParagraph]:
        """The paragraphs of one document, in order."""
        return self.paragraphs_by_id(
            [
                r[0]
                for r in self.conn.execute(
                    "SELECT id FROM paragraphs WHERE doc_id = ? ORDER BY id", (doc_id,)
                )
            ]
        )

    def paragraphs_by_id(self, ids: Iterable[int]) -> list[StoredParagraph]:
        """Paragraph rows (with their documents) for row ids, in the order given; unknown ids are skipped."""
        ids = list(ids)
        found: dict[int, StoredParagraph] = {}
        docs: dict[int, StoredDocument] = {}
        # SQLite limits bound parameters (32766 by default); chunks stay well under it.
        for start in range(0, len(ids), 10000):
            chunk = ids[start : start + 10000]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT {_PARA_COLUMNS}, {_DOC_COLUMNS} FROM paragraphs p "
                f"JOIN documents d ON d.id = p.doc_id WHERE p.id IN ({marks})",
                chunk,
            )
            for r in rows:
                doc = docs.get(r[7])
                if doc is None:
                    doc = docs[r[7]] = StoredDocument(*r[7:])
                found[r[0]] = StoredParagraph(r[0], doc, *r[1:7])
        return [found[i] for i in ids if i in found]

    def document_frequency(self, word: str) -> int:
        """How many paragraphs hold the normalised ``word`` (reads the word's whole posting list)."""
        row = self.conn.execute("SELECT doc FROM paragraph_vocab WHERE term = ?", (word,)).fetchone()
        return row[0] if row else 0

    def _fresh(self) -> None:
        # data_version moves when another connection commits: the caches of this one are then stale.
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._data_version:
            self._data_version, self._has_word, self._documents = version, {}, {}
            self._memos = {}

    def has_word(self, word: str) -> bool:
        """Whether any paragraph holds the normalised ``word`` (one index probe, cached until a write)."""
        self._fresh()
        found = self._has_word.get(word)
        if found is None:
            row = self.conn.execute(
                "SELECT rowid FROM paragraph_fts WHERE paragraph_fts MATCH ? LIMIT 1", (f'"{word}"',)
            ).fetchone()
            found = self._has_word[word] = row is not None
        return found

    def candidates(self, phrase: str) -> list[int]:
        """Row ids of the paragraphs that may hold ``phrase`` or a variant of it, in row id order.

        A paragraph qualifies when it shares with the phrase one of a few rare content-word pairs
        (`content_pairs`, `_choose_pairs`), chosen so that a variant with a word inserted, dropped or changed
        still holds one of them. Two adjacent words of the phrase also stand for their joined form when the
        corpus has it ("non binding" → "nonbinding"). A phrase of one content word is searched by its words
        (`fts_query`). Verification (exact or fuzzy) is the caller's.

        Raises:
            InputError: the phrase has no words.
        """
        search = self._candidate_search(phrase)
        if search is None:
            return []
        table, query = search
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid"
        return [r[0] for r in self.conn.execute(sql, (query,))]

    def candidate_rows(self, phrase: str) -> list[tuple[int, int, str, str, str]]:
        """``paragraph_rows(candidates(phrase))`` in one statement: the rows are read as the index yields
        their ids, with no list of ids made, sorted and sent back (100,000 of them for a common phrase).

        Raises:
            InputError: the phrase has no words.
        """
        search = self._candidate_search(phrase)
        if search is None:
            return []
        table, query = search
        # CROSS JOIN keeps the index the outer loop: a primary-key lookup per candidate, in row id order.
        return self.conn.execute(
            f"SELECT p.id, p.doc_id, p.pid, p.text, p.norm FROM {table} f CROSS JOIN paragraphs p "
            f"ON p.id = f.rowid WHERE {table} MATCH ? ORDER BY f.rowid",
            (query,),
        ).fetchall()

    def _candidate_search(self, phrase: str) -> tuple[str, str] | None:
        """The FTS5 table and query that `candidates` runs (None: no candidate can exist)."""
        words = normalise(phrase).split()
        if not words:
            raise InputError(
                "the phrase has no words to search for. To fix: give words, such as 'open, secure'"
            )
        seqs = self._spellings(words)
        if not any(content_pairs(seq) for seq in seqs):
            return "paragraph_fts", self.fts_query(words)
        chosen: list[str] = []
        for seq in seqs:
            chosen.extend(p for p in self._choose_pairs(seq) if p not in chosen)
        if not chosen:
            return None  # no pair of the phrase is in the corpus, nor is the phrase
        return "paragraph_pairs", " OR ".join(f'"{p}"' for p in chosen)

    def _choose_pairs(self, words: list[str]) -> list[str]:
        """The pairs of a phrase to search for: the rarest ones whose spans do not overlap, one more than
        the edits tolerated (one for up to four content words, two beyond). One edit — a word changed,
        dropped or inserted — breaks only pairs whose span covers it, so with non-overlapping spans one
        chosen pair survives it. Short phrases without enough such pairs use all their pairs but the
        common ones."""
        content = [w for w in words if w not in STOPWORDS]
        limit = self.common_pair_limit()
        count = "SELECT count(*) FROM (SELECT 1 FROM paragraph_pairs WHERE paragraph_pairs MATCH ? LIMIT ?)"
        spans = []
        for i, w in enumerate(content):
            for j in (i + 1, i + 2):
                if j < len(content):
                    token = f"{w}_{content[j]}"
                    n = self.conn.execute(count, (f'"{token}"', limit)).fetchone()[0]
                    if n:
                        spans.append((n, i, j, token))
        spans.sort()
        wanted = (1 if len(content) <= 4 else 2) + 1
        picked: list[tuple[int, int, int, str]] = []
        # A common pair ("general_assembly") would bring candidates by the thousand and no evidence.
        for span in (s for s in spans if s[0] < limit):
            if all(span[2] < a or span[1] > b for _, a, b, _ in picked):
                picked.append(span)
                if len(picked) == wanted:
                    return [t for *_, t in picked]
        rare = [t for n, _, _, t in spans if n < limit]
        return rare or [t for *_, t in spans]

    def common_pair_limit(self) -> int:
        """From how many paragraphs on a word pair counts as common: 0.2 % of the store, at least 500."""
        row = self.conn.execute("SELECT max(id) FROM paragraphs").fetchone()
        return max(500, (row[0] or 0) // 500)

    def _spellings(self, words: list[str]) -> list[list[str]]:
        """``words`` and, when the corpus writes two adjacent words as one, the joined spelling."""
        joined: list[str] = []
        i = 0
        changed = False
        while i < len(words):
            w = words[i]
            nxt = words[i + 1] if i + 1 < len(words) else None
            if nxt and w not in STOPWORDS and nxt not in STOPWORDS and self.has_word(w + nxt):
                joined.append(w + nxt)
                i += 2
                changed = True
                continue
            joined.append(w)
            i += 1
        return [words, joined] if changed else [words]

    def fts_query(self, words: list[str], misses: int | None = None) -> str:
        """A word-level FTS5 query for normalised ``words``: their content words within a few words of each
        other, all but ``misses`` of them (default: none for up to two, one for up to four, two beyond).

        >>> Store.open(":memory:").fts_query("community of shared future for humankind".split())
        'NEAR("community" "shared" "future", 9) OR NEAR("community" "shared" "humankind", 9) OR \
NEAR("community" "future" "humankind", 9) OR NEAR("shared" "future" "humankind", 9)'
        """
        items: list[list[str]] = []  # per content item, its alternative forms
        i = 0
        while i < len(words):
            w = words[i]
            if w in STOPWORDS:
                i += 1
                continue
            nxt = words[i + 1] if i + 1 < len(words) else None
            if nxt and nxt not in STOPWORDS and self.has_word(w + nxt):
                items.append([f"{w} {nxt}", w + nxt])
                i += 2
                continue
            items.append([w])
            i += 1
        if not items:
            # Function words only ("of the"): the whole phrase, which FTS5 matches as a phrase.
            return '"' + " ".join(words) + '"'
        if len(items) > 6:
            # Long phrases: six items narrow the candidates as well as all of them; longer words are
            # rarer, and ranking by the index's own counts would read whole posting lists.
            ranked = sorted(range(len(items)), key=lambda k: -max(len(a) for a in items[k]))[:6]
            items = [items[k] for k in sorted(ranked)]
        if misses is None:
            # Two content words with one changed leave one word: no evidence of the phrase at all.
            misses = 0 if len(items) <= 2 else 1 if len(items) <= 4 else 2
        keep = max(1, len(items) - misses)
        # Words inserted inside the phrase stretch it: allow three more than its own length.
        span = len(words) + 3
        groups = []
        for combo in itertools.combinations(items, keep):
            for choice in itertools.product(*combo):
                terms = " ".join(f'"{t}"' for t in choice)
                groups.append(f"NEAR({terms}, {span})" if len(choice) > 1 else terms)
        return " OR ".join(groups)

    def paragraph_rows(self, ids: Iterable[int]) -> list[tuple[int, int, str, str, str]]:
        """(row id, document row id, paragraph id, text, normalised text) for row ids, in row id order.

        The lean read behind phrase search: no objects, one indexed lookup a row.
        """
        ids = sorted(ids)
        out: list[tuple[int, int, str, str, str]] = []
        # SQLite limits bound parameters (32766 by default); chunks stay well under it.
        for start in range(0, len(ids), 10000):
            chunk = ids[start : start + 10000]
            marks = ",".join("?" * len(chunk))
            out.extend(
                self.conn.execute(
                    f"SELECT id, doc_id, pid, text, norm FROM paragraphs WHERE id IN ({marks}) ORDER BY id",
                    chunk,
                )
            )
        return out

    def documents_by_id(self, ids: Iterable[int]) -> dict[int, StoredDocument]:
        """Document rows by row id (cached: a corpus has few documents next to its paragraphs)."""
        self._fresh()
        cache = self._documents
        missing = sorted({i for i in ids if i not in cache})
        for start in range(0, len(missing), 10000):
            chunk = missing[start : start + 10000]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                f"SELECT {_DOC_COLUMNS} FROM documents d WHERE d.id IN ({marks})", chunk
            ):
                cache[r[0]] = StoredDocument(*r)
        return cache

    def document_memo(self, name: str) -> dict[int, object]:
        """A cache, by document row id, of values a caller derives from document rows (``name`` keeps
        callers apart); emptied, as the document cache is, when another connection commits."""
        self._fresh()
        memo = self._memos.get(name)
        if memo is None:
            memo = self._memos[name] = {}
        return memo

    def search_phrase(self, phrase: str) -> list[StoredParagraph]:
        """The paragraphs holding ``phrase`` exactly, up to case, punctuation, quotes, accents, hyphens and
        split words (their letters-and-digits keys match at word boundaries), in store order.

        Raises:
            InputError: the phrase has no words.
        """
        words = normalise(phrase).split()
        ids = self.candidates(phrase)
        return [p for p in self.paragraphs_by_id(ids) if find_exact(words, p.norm) is not None]

    def similar_candidates(
        self, norm: str, before: str | None, exclude_doc: int | None, limit: int = 200
    ) -> list[int]:
        """Row ids of paragraphs that share the rarest words of a normalised paragraph, best first (BM25),
        from documents dated before ``before`` (all dated ones when it is None) other than ``exclude_doc``."""
        words = sorted({w for w in norm.split() if w not in STOPWORDS and not w.isdigit()})
        if not words:
            return []
        # Counts capped at 1,000: enough to rank words by rarity without reading a common word's whole
        # posting list (which `document_frequency` does).
        count = "SELECT count(*) FROM (SELECT 1 FROM paragraph_fts WHERE paragraph_fts MATCH ? LIMIT 1000)"
        dfs = sorted((self.conn.execute(count, (f'"{w}"',)).fetchone()[0], w) for w in words)
        chosen = [w for df, w in dfs if df > 0][:24]
        if not chosen:
            return []
        query = " OR ".join(f'"{w}"' for w in chosen)
        sql = (
            "SELECT f.rowid FROM paragraph_fts f JOIN paragraphs p ON p.id = f.rowid "
            "JOIN documents d ON d.id = p.doc_id WHERE paragraph_fts MATCH ? AND d.id != ? "
        )
        args: list[object] = [query, exclude_doc if exclude_doc is not None else -1]
        if before is not None:
            sql += "AND d.date < ? "
            args.append(before)
        sql += "ORDER BY f.rank LIMIT ?"
        args.append(limit)
        return [r[0] for r in self.conn.execute(sql, args)]

    def stats(self) -> dict[str, int]:
        """Row counts and the store's size on disk in bytes (0 in memory)."""
        out = {
            t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("files", "documents", "paragraphs")
        }
        size = 0
        if self.path != ":memory:":
            for suffix in ("", "-wal", "-shm"):
                p = Path(self.path + suffix)
                size += p.stat().st_size if p.exists() else 0
        out["bytes"] = size
        return out


def find_exact(words: list[str], norm: str) -> tuple[int, int] | None:
    """The word span (start, end) where the normalised ``words`` occur in the normalised text ``norm``,
    compared on letters and digits only and at word boundaries; None when they do not.

    >>> find_exact(["nonbinding", "norms"], "voluntary non binding norms")
    (1, 4)
    >>> find_exact(["binding"], "nonbinding norms") is None
    True
    """
    key = "".join(words)
    text_words = norm.split()
    joined = "".join(text_words)
    start = joined.find(key)
    if start < 0:
        return None
    # Offsets of word starts in the joined key: a match counts only from a word start to a word end.
    starts: dict[int, int] = {}
    pos = 0
    for i, w in enumerate(text_words):
        starts[pos] = i
        pos += len(w)
    starts[pos] = len(text_words)
    while start >= 0:
        end = start + len(key)
        if start in starts and end in starts:
            return starts[start], starts[end]
        start = joined.find(key, start + 1)
    return None


def _is_under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
