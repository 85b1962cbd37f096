"""Phrase lineage and paragraph ancestry over a corpus store: where a phrase (or a variant of it) occurs, in
date order, and which earlier paragraphs a paragraph reuses text from.

# Steps (phrase): normalise the phrase → FTS5 candidates that share a rare content-word pair with it, read
# with their rows in one statement (`Store.candidate_rows`) → per candidate, the phrase's words in
# sequence (one string search), else an exact test on letters and digits at word boundaries, else a
# word-level fuzzy window (rapidfuzz) kept above a similarity threshold, scored once per stretch of text
# around the phrase's content words (`_Verifier`) → sort by date, dedupe reprints (`_occurrences`).
# tests/store/test_lineage_reference.py holds the straightforward version this must equal.
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


# A verified candidate: (row id, paragraph id, text, normalised text, exact, word span, similarity).
Hit = tuple[int, str, str, str, bool, tuple[int, int], float]


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
    verify = _Verifier(words, variants, threshold)
    # The phrase's words in sequence, between spaces: most occurrences are found by this one C search.
    needle = f" {' '.join(words)} "
    count = len(words)
    # Hits by document row id; rows come in row id order, so each document's hits are in store order.
    by_doc: dict[int, list[Hit]] = {}
    for rid, doc_id, pid, text, norm in store.candidate_rows(phrase):
        padded = f" {norm} "
        at = padded.find(needle)
        if at >= 0:
            first = norm.count(" ", 0, at)
            hit = (rid, pid, text, norm, True, (first, first + count), 1.0)
        else:
            found = verify(norm, padded)
            if found is None:
                continue
            hit = (rid, pid, text, norm, *found)
        hits = by_doc.get(doc_id)
        if hits is None:
            by_doc[doc_id] = [hit]
        else:
            hits.append(hit)
    return Lineage(phrase, tuple(_occurrences(store, by_doc)))


class _Verifier:
    """The test of a candidate whose text does not hold the phrase's words in sequence: an exact occurrence
    on letters and digits (split or joined words), else a variant (`_best_window`), else nothing.

    A variant lies among the phrase's content words, and `_best_window` looks no further than two words
    beyond the first and the last of them: its answer is a function of that stretch of the word codes
    alone, shifted to where the stretch starts. Answers are remembered per stretch: copies of a paragraph
    that differ elsewhere, or only in words that are not the phrase's, are scored once.
    """

    def __init__(self, words: list[str], variants: bool, threshold: float) -> None:
        self.words = words
        self.key = "".join(words)
        self.variants = variants and len(words) > 1
        self.threshold = threshold
        self.codes = _Codes(words)
        # A variant keeps the phrase's content words but one (up to four of them) or two (more): the edits
        # the candidate search guarantees to find. Function words alone ("of the … and the") make no
        # variant.
        plain = {w for w in words if w not in STOPWORDS}
        self.content = plain or set(words)
        n_content = len([w for w in words if w not in STOPWORDS]) or len(words)
        edits = 0 if n_content <= 2 else 1 if n_content <= 4 else 2
        self.needed = max(1, len(self.content) - edits)
        # The codes of the content words: one each (`_Codes`), in the plane `_RUN` starts runs with. A
        # phrase of function words only has none, and is verified on words (`_by_words`).
        self.content_codes = frozenset(self.codes.table[w] for w in plain)
        self.spaced = [(w, f" {w} ") for w in sorted(plain)]
        self.memo: dict[str, tuple[float, int, int]] = {}
        # `_score` by coded stretch: from two words before the phrase's first content word in the text to
        # two words after its last (what `_best_window` reads), content words present counted on it.
        self.stretches: dict[str, tuple[float, int, int] | None] = {}

    def __call__(self, norm: str, padded: str) -> tuple[bool, tuple[int, int], float] | None:
        """The verdict on ``norm``; ``padded`` is ``f" {norm} "`` (the caller has it)."""
        if self.key in norm.replace(" ", ""):
            span = find_exact(self.words, norm)
            if span is not None:
                return True, span, 1.0
        if not self.variants:
            return None
        if not self.content_codes:
            return self._by_words(norm)
        # Where the phrase's content words are, as whole words, by C string searches: the first start and
        # the last end (offsets into ``norm``; each " word " in ``padded`` starts one before the word).
        first, last, present = len(norm), -1, 0
        for word, spaced in self.spaced:
            at = padded.find(spaced)
            if at >= 0:
                present += 1
                if at < first:
                    first = at
                end = padded.rfind(spaced) + len(word)
                if end > last:
                    last = end
        if present < self.needed:
            return None  # fewer of the phrase's content words than a variant keeps
        # Two words of margin before the first and after the last, as `_best_window` takes.
        lo = norm.rfind(" ", 0, max(0, first - 1)) + 1
        lo = norm.rfind(" ", 0, max(0, lo - 1)) + 1
        n = len(norm)
        for _ in range(2):
            if last < n:
                last = norm.find(" ", last + 1)
                if last < 0:
                    last = n
        coded = self.codes.encode(norm[lo:last].split())
        try:
            found = self.stretches[coded]
        except KeyError:
            found = self.stretches[coded] = self._score(coded)
        if found is None:
            return None
        sim, s, e = found
        shift = norm.count(" ", 0, lo) if lo else 0
        return False, (s + shift, e + shift), sim

    def _score(self, coded: str) -> tuple[float, int, int] | None:
        content, needed = self.content_codes, self.needed
        if len(content.intersection(coded)) < needed:
            return None
        sim, s, e = _best_window(self.codes.query, coded, self.memo)
        if sim >= self.threshold and len(content.intersection(coded[s:e])) >= needed:
            return sim, s, e
        return None

    def _by_words(self, norm: str) -> tuple[bool, tuple[int, int], float] | None:
        text_words = norm.split()
        content, needed = self.content, self.needed
        if len(content.intersection(text_words)) < needed:
            return None
        sim, s, e = _best_window(self.codes.query, self.codes.encode(text_words), self.memo)
        if sim >= self.threshold and len(content.intersection(text_words[s:e])) >= needed:
            return False, (s, e), sim
        return None


def _occurrences(store: Store, by_doc: dict[int, list[Hit]]) -> list[Occurrence]:
    """The hits (by document row id, each document's in row id order) as occurrences: by document date,
    then symbol (the contract's order), then name and position, then row id; a paragraph reprinted under
    the same symbol (same paragraph id and text) counts once, where it comes first."""
    memo = store.document_memo("lineage")
    missing = [i for i in by_doc if i not in memo]
    if missing:
        docs = store.documents_by_id(missing)
        for i in missing:
            d = docs[i]
            # The sort key, and the fields an occurrence takes from its document in the dataclass's
            # field order: occurrences are made from a copy of them (a frozen dataclass's __init__ costs
            # three times more, and an answer may hold 100,000 occurrences).
            key = (d.date is None, d.date or "", d.symbol or "", d.name, d.position)
            base = {
                "symbol": d.symbol,
                "date": d.date,
                "paragraph": None,
                "exact": None,
                "text": None,
                "words": None,
                "similarity": None,
                "document": d.name,
                "title": d.title,
                "series": d.series,
                "source": d.source,
                "position": d.position,
            }
            memo[i] = (key, base)
    entries: dict[int, tuple[tuple[bool, str, str, str, int], dict[str, Any]]] = {
        i: memo[i]
        for i in by_doc  # type: ignore[misc]
    }
    order = sorted(by_doc, key=lambda i: entries[i][0])
    # The same resolution in two folders of the corpus is one occurrence, not two: only a symbol held by
    # more than one document with hits, or a paragraph id repeated in a document, can repeat.
    holders: dict[str, int] = {}
    for i in order:
        symbol = entries[i][1]["symbol"]
        if symbol:
            holders[symbol] = holders.get(symbol, 0) + 1
    found: list[Occurrence] = []
    seen: set[tuple[str, str, str]] = set()
    new, set_dict = object.__new__, object.__setattr__
    k = 0
    while k < len(order):
        key = entries[order[k]][0]
        tied = k + 1
        while tied < len(order) and entries[order[tied]][0] == key:
            tied += 1
        if tied == k + 1:
            groups = [(order[k], by_doc[order[k]])]
        else:
            # Documents that tie on the key (a resolution stored twice): their hits in row id order.
            merged = sorted(((i, h) for i in order[k:tied] for h in by_doc[i]), key=lambda x: x[1][0])
            groups = [(i, [h]) for i, h in merged]
        k = tied
        for doc_id, hits in groups:
            base = entries[doc_id][1]
            symbol = base["symbol"]
            dedupe = bool(symbol) and (
                holders[symbol] > 1 or (len(hits) > 1 and len({h[1] for h in hits}) < len(hits))
            )
            for _rid, pid, text, norm, exact, span, sim in hits:
                if dedupe:
                    ident = (symbol, pid, norm)
                    if ident in seen:
                        continue
                    seen.add(ident)
                values = base.copy()
                values["paragraph"] = pid
                values["exact"] = exact
                values["text"] = text
                values["words"] = span
                values["similarity"] = sim
                occurrence = new(Occurrence)
                set_dict(occurrence, "__dict__", values)
                found.append(occurrence)
    return found


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
