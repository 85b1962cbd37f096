"""Phrase lineage and paragraph ancestry over a corpus store: where a phrase (or a variant of it) occurs, in
date order, and which earlier paragraphs a paragraph reuses text from.

# Steps (phrase): normalise the phrase → FTS5 candidates that hold all its content words but one or two
# (`Store.candidates`) → per candidate, an exact test on letters and digits at word boundaries, else a
# word-level fuzzy window (rapidfuzz) kept above a similarity threshold → dedupe reprints → sort by date.
# Steps (ancestry): the paragraph's rarest words → BM25-ranked candidates from earlier documents → word-level
# similarity and shared word trigrams → the nearest ``limit``.

Pure Python and rapidfuzz: no spaCy, so the command line can answer without paying for its import.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from corpus.errors import InputError
from corpus.model import Document
from corpus.store import STOPWORDS, Store, StoredDocument, find_exact, normalise, tokens

__all__ = [
    "Ancestor",
    "Lineage",
    "Occurrence",
    "ancestors",
    "ancestors_of",
    "split_paragraph_address",
    "trace_phrase",
]

SCHEMA_VERSION = 1
# Word-level Levenshtein similarity from which a window counts as a variant: one word inserted or changed
# in a three-word phrase (0.67–0.75) qualifies, two changed words in a three-word one (0.33) do not.
VARIANT_THRESHOLD = 0.6


@dataclass(frozen=True)
class Occurrence:
    """One paragraph holding the phrase (``exact``) or a variant of it.

    ``words`` delimits the matching words (indices into the paragraph's search words); ``start``/``end``
    are the same span as character offsets in ``text``, for highlighting. ``similarity`` is 1.0 for an
    exact occurrence and the word-level Levenshtein similarity of the variant otherwise.
    """

    symbol: str | None
    date: str | None
    paragraph: str
    exact: bool
    text: str
    words: tuple[int, int]
    similarity: float
    document: str
    title: str | None
    series: str
    source: str | None
    position: int

    @cached_property
    def _span(self) -> tuple[int, int]:
        spans = tokens(self.text)
        first, end = self.words
        if not spans or end <= first:
            return 0, 0
        return spans[first][1], spans[min(end, len(spans)) - 1][2]

    @property
    def start(self) -> int:
        """Offset in ``text`` where the matching words start."""
        return self._span[0]

    @property
    def end(self) -> int:
        """Offset in ``text`` where the matching words end."""
        return self._span[1]

    @property
    def match(self) -> str:
        """The words of ``text`` that match the phrase."""
        return self.text[self.start : self.end]

    def to_dict(self) -> dict[str, Any]:
        """The contract's fields first (DESIGN.md, `lineage`), then the ones textdiff adds."""
        return {
            "symbol": self.symbol,
            "date": self.date,
            "paragraph": self.paragraph,
            "exact": self.exact,
            "text": self.text,
            "match": self.match,
            "start": self.start,
            "end": self.end,
            "similarity": round(self.similarity, 3),
            "document": self.document,
            "title": self.title,
            "source": self.source,
            "position": self.position,
        }


def _first_dict(o: Occurrence | None) -> dict[str, Any] | None:
    # "document" names a draft that has no symbol yet ("A-77-380.txt Draft resolution II").
    if o is None:
        return None
    return {"symbol": o.symbol, "date": o.date, "paragraph": o.paragraph, "document": o.document}


@dataclass(frozen=True)
class Lineage:
    """Every occurrence of a phrase and its variants, sorted by date (undated last), then symbol."""

    query: str
    occurrences: tuple[Occurrence, ...]

    @property
    def first(self) -> Occurrence | None:
        """The earliest occurrence, exact or variant: where the wording (or its ancestor) first appears."""
        return self.occurrences[0] if self.occurrences else None

    @property
    def first_exact(self) -> Occurrence | None:
        """The earliest exact occurrence."""
        return next((o for o in self.occurrences if o.exact), None)

    def to_dict(self) -> dict[str, Any]:
        """The `lineage` JSON of DESIGN.md (``first_exact`` and ``timeline`` added after the contract's keys).

        >>> Lineage("open, secure", ()).to_dict()["first"] is None
        True
        """
        return {
            "schema_version": SCHEMA_VERSION,
            "query": self.query,
            "occurrences": [o.to_dict() for o in self.occurrences],
            "first": _first_dict(self.first),
            "first_exact": _first_dict(self.first_exact),
            "timeline": self.timeline(),
        }

    def timeline(self) -> list[dict[str, Any]]:
        """The occurrences grouped by series (same title), series in order of first appearance: the data of
        an HTML timeline, one lane per series, one mark per occurrence (index into ``occurrences``).

        >>> Lineage("x", ()).timeline()
        []
        """
        lanes: dict[str, dict[str, Any]] = {}
        for i, o in enumerate(self.occurrences):
            key = o.series or o.document
            lane = lanes.get(key)
            if lane is None:
                lane = lanes[key] = {"series": o.title or o.document, "first": o.date, "marks": []}
            lane["marks"].append(
                {
                    "occurrence": i,
                    "date": o.date,
                    "symbol": o.symbol,
                    "paragraph": o.paragraph,
                    "exact": o.exact,
                }
            )
        return list(lanes.values())


class _Codes:
    """Maps words to single characters, so rapidfuzz compares word sequences as short strings.

    Only the query's words get their own character — content words in one private-use plane, function
    words in the other — and every other word becomes one filler character, which never equals a query
    character, so similarities to the query are those of the words themselves.
    """

    FILLER = "\x00"

    def __init__(self, query: list[str]) -> None:
        # Supplementary private-use planes: far from any character a filler or a text could hold.
        self.table: dict[str, str] = {}
        for w in dict.fromkeys(query):
            base = 0x100000 if w in STOPWORDS else 0xF0000
            self.table[w] = chr(base + len(self.table))
        self.query = "".join(self.table[w] for w in query)

    def encode(self, words: list[str]) -> str:
        return "".join(map(self.table.get, words, itertools.repeat(self.FILLER)))


# A run of the phrase's content words with at most three other words between two of them: where a
# variant can be. Function words do not start or extend a run ("and" is everywhere), but count inside.
_RUN = re.compile("[\U000f0000-\U000fffff]+(?:[^\U000f0000-\U000fffff]{1,3}[\U000f0000-\U000fffff]+)*")


def _best_window(
    query: str, text: str, memo: dict[str, tuple[float, int, int]] | None = None
) -> tuple[float, int, int]:
    """The window of ``text`` (word codes, `_Codes`) most similar to ``query``: (similarity, start, end).

    ``memo`` remembers the best window of each stretch of text already seen: UN texts repeat their
    paragraphs, so the same stretch comes back in many candidates.

    >>> codes = _Codes("voluntary nonbinding norms".split())
    >>> _best_window(codes.query, codes.encode("that voluntary and nonbinding norms rules".split()))
    (0.75, 1, 5)
    >>> codes = _Codes("open secure stable accessible and peaceful".split())
    >>> text = "an open secure stable and peaceful and accessible ict environment and".split()
    >>> sim, start, end = _best_window(codes.query, codes.encode(text))
    >>> round(sim, 2), " ".join(text[start:end])
    (0.83, 'open secure stable and peaceful')
    """
    best = (0.0, 0, 0)
    n = len(text)
    for run in _RUN.finditer(text):
        s, e = run.span()
        # Function words of the phrase may open or close it: two words of margin on each side.
        lo, hi = max(0, s - 2), min(n, e + 2)
        seg = text[lo:hi]
        found = memo.get(seg) if memo is not None else None
        if found is None:
            found = _best_in_run(query, seg)
            if memo is not None:
                memo[seg] = found
        sim, a, b = found
        if sim > best[0] or (sim == best[0] and b - a < best[2] - best[1]):
            best = (sim, lo + a, lo + b)
    return best


def _best_in_run(query: str, run: str) -> tuple[float, int, int]:
    if len(run) > len(query) + 8:
        return _refine(query, run, 0, len(run))
    # Short stretch: the best window starts at one of its first three phrase words, ends at a last three.
    inner = [i for i, c in enumerate(run) if c != _Codes.FILLER]
    best = (0.0, 0, 0)
    for a in inner[:3]:
        for b in inner[-3:]:
            if b >= a:
                sim = Levenshtein.normalized_similarity(query, run[a : b + 1])
                # On a tie the wider window, which ends on phrase words either way, shows more of the
                # variant ("stable, secure, accessible and peaceful", not "secure, accessible and …").
                if sim > best[0] or (sim == best[0] and b + 1 - a > best[2] - best[1]):
                    best = (sim, a, b + 1)
    return best


def _refine(query: str, text: str, lo: int, hi: int) -> tuple[float, int, int]:
    """Best window inside a long run: the best same-length window, widened or narrowed by up to two words."""
    hint = fuzz.partial_ratio_alignment(query, text[lo:hi])
    ds, de = lo + hint.dest_start, lo + hint.dest_end
    best = (-1.0, 0, 0)
    for s in range(max(lo, ds - 2), min(hi, ds + 3)):
        for e in range(max(s + 1, de - 2), min(hi, de + 2) + 1):
            sim = Levenshtein.normalized_similarity(query, text[s:e])
            if sim > best[0] or (sim == best[0] and e - s < best[2] - best[1]):
                best = (sim, s, e)
    sim, s, e = best
    wanted = set(query)
    while s < e and text[s] not in wanted:
        s += 1
    while e > s and text[e - 1] not in wanted:
        e -= 1
    if e <= s:
        return 0.0, 0, 0
    return Levenshtein.normalized_similarity(query, text[s:e]), s, e


def trace_phrase(
    store: Store, phrase: str, variants: bool = True, threshold: float = VARIANT_THRESHOLD
) -> Lineage:
    """Every paragraph of the store holding ``phrase`` or, with ``variants``, a variant of it.

    Exact means equal up to case, punctuation, quotes, accents, hyphens and split words. A variant has
    words inserted, dropped or changed inside the phrase, with a word-level similarity of at least
    ``threshold``; it keeps the phrase's content words (function words aside) but one, or but two when
    there are more than four (a phrase of two content words varies in its function words only). A
    paragraph reprinted under the same symbol (the same text indexed from two files) counts once.

    >>> from corpus.store import FileRecord, record_documents
    >>> from corpus.loaders.text import load_text
    >>> store = Store.open(":memory:")
    >>> text = ("A/RES/70/1\\n\\nThe General Assembly,\\n\\nWelcoming voluntary and non -binding norms,\\n\\n"
    ...         "1. Decides to act.")
    >>> store.write_record(FileRecord("a.txt", 1, 1, "x", record_documents(load_text(text, "a.txt"))))
    >>> lineage = trace_phrase(store, "voluntary, non-binding norms")
    >>> [(o.paragraph, o.exact, o.match, round(o.similarity, 2)) for o in lineage.occurrences]
    [('pp1', False, 'voluntary and non-binding norms', 0.75)]

    Raises:
        InputError: the phrase has no words.
    """
    words = normalise(phrase).split()
    if not words:
        raise InputError("the phrase has no words to search for. To fix: give words, such as 'open, secure'")
    ids = store.candidates(phrase)
    codes = _Codes(words)
    qcodes = codes.query
    # A variant keeps the phrase's content words but one (up to four of them) or two (more): the edits the
    # candidate search guarantees to find. Function words alone ("of the … and the") make no variant.
    content = {w for w in words if w not in STOPWORDS} or set(words)
    n_content = len([w for w in words if w not in STOPWORDS]) or len(words)
    edits = 0 if n_content <= 2 else 1 if n_content <= 4 else 2
    needed = max(1, len(content) - edits)
    key = "".join(words)
    joined = " ".join(words)
    size, count = len(joined), len(words)
    memo: dict[str, tuple[float, int, int]] = {}
    # (row id, doc row id, paragraph id, text, normalised text, exact, word span, similarity) per match.
    hits: list[tuple[int, int, str, str, str, bool, tuple[int, int], float]] = []
    for rid, doc_id, pid, text, norm in store.paragraph_rows(ids):
        # Fast path, C string search only: the phrase's words in sequence, as most occurrences are.
        at = norm.find(joined)
        while at >= 0:
            end = at + size
            if (at == 0 or norm[at - 1] == " ") and (end == len(norm) or norm[end] == " "):
                break
            at = norm.find(joined, at + 1)
        if at >= 0:
            first = norm.count(" ", 0, at)
            hits.append((rid, doc_id, pid, text, norm, True, (first, first + count), 1.0))
            continue
        span = find_exact(words, norm) if key in norm.replace(" ", "") else None
        if span is not None:
            hits.append((rid, doc_id, pid, text, norm, True, span, 1.0))
        elif variants and len(words) > 1:
            text_words = norm.split()
            if len(content.intersection(text_words)) < needed:
                continue
            sim, s, e = _best_window(qcodes, codes.encode(text_words), memo)
            if sim >= threshold and len(content.intersection(text_words[s:e])) >= needed:
                hits.append((rid, doc_id, pid, text, norm, False, (s, e), sim))
    docs = store.documents_by_id(h[1] for h in hits)
    # Date, then symbol (the contract's order), then document and paragraph order within it.
    order = {i: (d.date is None, d.date or "", d.symbol or "", d.name, d.position) for i, d in docs.items()}
    hits.sort(key=lambda h: (order[h[1]], h[0]))
    found: list[Occurrence] = []
    seen: set[tuple[str, str, str]] = set()
    for _rid, doc_id, pid, text, norm, exact, span, sim in hits:
        d = docs[doc_id]
        if d.symbol:
            # The same resolution in two folders of the corpus is one occurrence, not two.
            ident = (d.symbol, pid, norm)
            if ident in seen:
                continue
            seen.add(ident)
        found.append(
            Occurrence(
                d.symbol, d.date, pid, exact, text, span, sim, d.name, d.title, d.series, d.source, d.position
            )
        )
    return Lineage(phrase, tuple(found))


# --- paragraph ancestry ---


@dataclass(frozen=True)
class Ancestor:
    """An earlier paragraph that a paragraph reuses text from.

    ``similarity`` is the word-level similarity of the two paragraphs (Indel ratio, 0–1); ``containment``
    the share of the paragraph's word trigrams found in the ancestor (1.0: every three-word run of the
    paragraph is in it; a paragraph that grew from the ancestor keeps a high containment of the ancestor's
    text while its similarity drops).
    """

    symbol: str | None
    date: str | None
    paragraph: str
    text: str
    similarity: float
    containment: float
    document: str
    title: str | None
    same_series: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain dict, keys in a stable order."""
        return {
            "symbol": self.symbol,
            "date": self.date,
            "paragraph": self.paragraph,
            "similarity": round(self.similarity, 3),
            "containment": round(self.containment, 3),
            "same_series": self.same_series,
            "document": self.document,
            "title": self.title,
            "text": self.text,
        }


def _trigrams(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def ancestors(
    store: Store,
    document: Document | StoredDocument,
    paragraph_id: str,
    limit: int = 10,
    min_similarity: float = 0.2,
) -> list[Ancestor]:
    """The nearest earlier paragraphs of the corpus by text reuse, in any series, most similar first.

    Earlier means from a document dated strictly before ``document`` (any dated document when it has no
    date); the document itself and reprints of it (same symbol) are left out. Candidates share the
    paragraph's rarest words (BM25 over the FTS5 index); each is scored on whole words, and kept when its
    similarity or containment reaches ``min_similarity``.

    >>> import dataclasses
    >>> from corpus.store import FileRecord, record_documents
    >>> from corpus.loaders.text import load_text
    >>> store = Store.open(":memory:")
    >>> texts = [("A/RES/1/1", "2015", "Calls upon States to keep an open ICT environment"),
    ...          ("A/RES/2/1", "2016", "Calls upon all States to keep an open, secure ICT environment")]
    >>> for sym, date, text in texts:
    ...     docs = load_text(f"{sym}\\n\\nThe General Assembly,\\n\\n1. {text}.", sym)
    ...     docs = [dataclasses.replace(d, date=date + "-01-01") for d in docs]
    ...     store.write_record(FileRecord(sym, 1, 1, "x", record_documents(docs)))
    >>> newer = store.find_documents(symbol="A/RES/2/1")[0]
    >>> [(a.symbol, a.paragraph, round(a.similarity, 2)) for a in ancestors(store, newer, "op1")]
    [('A/RES/1/1', 'op1', 0.9)]
    """
    stored_id: int | None = None
    if isinstance(document, StoredDocument):
        stored_id = document.id
        paras = {p.pid: p.text for p in store.paragraphs(document.id)}
        text = paras.get(paragraph_id)
    else:
        try:
            text = document.paragraph(paragraph_id).text
        except KeyError:
            text = None
    if text is None:
        raise InputError(f"{document.name} has no paragraph {paragraph_id!r}. To fix: use an id such as op3")
    words = normalise(text).split()
    ids = store.similar_candidates(" ".join(words), document.date, stored_id, limit=max(200, limit * 20))
    codes = _Codes(words)
    target = codes.query
    grams = _trigrams(words)
    series = _series(document)
    out = []
    for p in store.paragraphs_by_id(ids):
        d = p.document
        if document.symbol and d.symbol == document.symbol:
            continue
        if d.source and document.source and d.source == document.source and d.position == document.position:
            continue
        other = p.norm.split()
        similarity = fuzz.ratio(target, codes.encode(other)) / 100
        containment = len(grams & _trigrams(other)) / len(grams) if grams else 0.0
        if max(similarity, containment) < min_similarity:
            continue
        out.append(
            Ancestor(
                d.symbol,
                d.date,
                p.pid,
                p.text,
                similarity,
                containment,
                d.name,
                d.title,
                bool(series) and d.series == series,
            )
        )
    out.sort(key=lambda a: (-a.similarity, -a.containment, _desc(a.date or ""), a.symbol or "", a.paragraph))
    return out[:limit]


def _series(document: Document | StoredDocument) -> str:
    if isinstance(document, StoredDocument):
        return document.series
    from corpus.series import title_key

    return title_key(document.title)


def _desc(s: str) -> tuple[int, ...]:
    # Later dates first among equally similar ancestors: the nearest in time is the likelier source.
    return tuple(-ord(c) for c in s)


_PARAGRAPH_ID = re.compile(r"(pp|op)\d+(?:_[\w.]+)?")


def split_paragraph_address(spec: str) -> tuple[str, str]:
    """Split ``FILE#N:op3`` (or ``FILE:pp2``) into the document address and the paragraph id.

    >>> split_paragraph_address("report.txt#2:op3")
    ('report.txt#2', 'op3')
    >>> split_paragraph_address("C:/corpus/A-RES-75-240.txt:pp1")
    ('C:/corpus/A-RES-75-240.txt', 'pp1')

    Raises:
        InputError: there is no ``:pp<N>``/``:op<N>`` at the end.
    """
    head, sep, pid = spec.rpartition(":")
    if not sep or not _PARAGRAPH_ID.fullmatch(pid.strip().lower()):
        raise InputError("does not name a paragraph. To fix: add its id, as FILE#N:op3 or FILE:pp2", spec)
    return head, pid.strip().lower()


def ancestors_of(store: Store, spec: str, limit: int = 10) -> tuple[Document, str, list[Ancestor]]:
    """Load the paragraph addressed as ``FILE#N:op3`` and find its ancestors in ``store``.

    Returns the document, the paragraph id and the ancestors.

    Raises:
        InputError: the file, the document or the paragraph cannot be found.
    """
    from corpus import load_document

    address, pid = split_paragraph_address(spec)
    document = load_document(address)
    if document.source and document.source != "<stdin>":
        # The store keeps absolute paths: a file that is part of the corpus is recognised as itself.
        document = dataclasses.replace(document, source=str(Path(document.source).resolve()))
    return document, pid, ancestors(store, document, pid, limit)
