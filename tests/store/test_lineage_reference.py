"""The fast phrase-lineage path (`nlp.lineage.trace_phrase`) gives exactly what the straightforward one gives:
same occurrences, same order, same ``exact``, similarity and spans, on the real corpus and on a synthetic one.

The reference below is the query path as it was before it was optimised, kept simple on purpose and apart
from the code it checks: candidates (rare content-word pairs, joined spellings, word query for one content
word) → every candidate row read → exact test on the words in sequence, then on letters at word
boundaries, else the best word window (`_best_window`) above the threshold → sort by document date, symbol,
name, position and row id → a paragraph reprinted under the same symbol once.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import itertools
import random
import re
import sys
from pathlib import Path

import pytest
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from corpus.store import STOPWORDS, FileRecord, Store, content_pairs, normalise, record_documents
from nlp.lineage import VARIANT_THRESHOLD, Occurrence, trace_phrase

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "tests" / "data" / "lineage"
SHARED = Path(__file__).resolve().parents[3] / "shared"

# --- the reference: candidates ---


def ref_has_word(store: Store, word: str) -> bool:
    sql = "SELECT rowid FROM paragraph_fts WHERE paragraph_fts MATCH ? LIMIT 1"
    return store.conn.execute(sql, (f'"{word}"',)).fetchone() is not None


def ref_spellings(store: Store, words: list[str]) -> list[list[str]]:
    joined: list[str] = []
    i = 0
    while i < len(words):
        w, nxt = words[i], words[i + 1] if i + 1 < len(words) else None
        if nxt and w not in STOPWORDS and nxt not in STOPWORDS and ref_has_word(store, w + nxt):
            joined.append(w + nxt)
            i += 2
        else:
            joined.append(w)
            i += 1
    return [words, joined] if joined != words else [words]


def ref_fts_query(store: Store, words: list[str]) -> str:
    items: list[list[str]] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in STOPWORDS:
            i += 1
            continue
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt and nxt not in STOPWORDS and ref_has_word(store, w + nxt):
            items.append([f"{w} {nxt}", w + nxt])
            i += 2
            continue
        items.append([w])
        i += 1
    if not items:
        return '"' + " ".join(words) + '"'
    if len(items) > 6:
        ranked = sorted(range(len(items)), key=lambda k: -max(len(a) for a in items[k]))[:6]
        items = [items[k] for k in sorted(ranked)]
    misses = 0 if len(items) <= 2 else 1 if len(items) <= 4 else 2
    groups = []
    for combo in itertools.combinations(items, max(1, len(items) - misses)):
        for choice in itertools.product(*combo):
            terms = " ".join(f'"{t}"' for t in choice)
            groups.append(f"NEAR({terms}, {len(words) + 3})" if len(choice) > 1 else terms)
    return " OR ".join(groups)


def ref_choose_pairs(store: Store, words: list[str]) -> list[str]:
    content = [w for w in words if w not in STOPWORDS]
    top = store.conn.execute("SELECT max(id) FROM paragraphs").fetchone()[0] or 0
    limit = max(500, top // 500)
    count = "SELECT count(*) FROM (SELECT 1 FROM paragraph_pairs WHERE paragraph_pairs MATCH ? LIMIT ?)"
    spans = []
    for i, w in enumerate(content):
        for j in (i + 1, i + 2):
            if j < len(content):
                token = f"{w}_{content[j]}"
                n = store.conn.execute(count, (f'"{token}"', limit)).fetchone()[0]
                if n:
                    spans.append((n, i, j, token))
    spans.sort()
    wanted = (1 if len(content) <= 4 else 2) + 1
    picked: list[tuple[int, int, int, str]] = []
    for span in (s for s in spans if s[0] < limit):
        if all(span[2] < a or span[1] > b for _, a, b, _ in picked):
            picked.append(span)
            if len(picked) == wanted:
                return [t for *_, t in picked]
    rare = [t for n, _, _, t in spans if n < limit]
    return rare or [t for *_, t in spans]


def ref_candidates(store: Store, words: list[str]) -> list[int]:
    seqs = ref_spellings(store, words)
    if not any(content_pairs(seq) for seq in seqs):
        sql = "SELECT rowid FROM paragraph_fts WHERE paragraph_fts MATCH ?"
        return sorted(r[0] for r in store.conn.execute(sql, (ref_fts_query(store, words),)))
    chosen: list[str] = []
    for seq in seqs:
        chosen.extend(p for p in ref_choose_pairs(store, seq) if p not in chosen)
    if not chosen:
        return []
    sql = "SELECT rowid FROM paragraph_pairs WHERE paragraph_pairs MATCH ?"
    return [r[0] for r in store.conn.execute(sql, (" OR ".join(f'"{p}"' for p in chosen),))]


# --- the reference: verification ---


def ref_find_exact(words: list[str], norm: str) -> tuple[int, int] | None:
    key = "".join(words)
    text_words = norm.split()
    joined = "".join(text_words)
    starts: dict[int, int] = {}
    pos = 0
    for i, w in enumerate(text_words):
        starts[pos] = i
        pos += len(w)
    starts[pos] = len(text_words)
    start = joined.find(key)
    while start >= 0:
        if start in starts and start + len(key) in starts:
            return starts[start], starts[start + len(key)]
        start = joined.find(key, start + 1)
    return None


class RefCodes:
    def __init__(self, query: list[str]) -> None:
        self.table: dict[str, str] = {}
        for w in dict.fromkeys(query):
            self.table[w] = chr((0x100000 if w in STOPWORDS else 0xF0000) + len(self.table))
        self.query = "".join(self.table[w] for w in query)

    def encode(self, words: list[str]) -> str:
        return "".join(self.table.get(w, "\x00") for w in words)


REF_RUN = re.compile("[\U000f0000-\U000fffff]+(?:[^\U000f0000-\U000fffff]{1,3}[\U000f0000-\U000fffff]+)*")


def ref_best_window(query: str, text: str) -> tuple[float, int, int]:
    best = (0.0, 0, 0)
    for run in REF_RUN.finditer(text):
        s, e = run.span()
        lo, hi = max(0, s - 2), min(len(text), e + 2)
        sim, a, b = ref_best_in_run(query, text[lo:hi])
        if sim > best[0] or (sim == best[0] and b - a < best[2] - best[1]):
            best = (sim, lo + a, lo + b)
    return best


def ref_best_in_run(query: str, run: str) -> tuple[float, int, int]:
    if len(run) > len(query) + 8:
        return ref_refine(query, run)
    inner = [i for i, c in enumerate(run) if c != "\x00"]
    best = (0.0, 0, 0)
    for a in inner[:3]:
        for b in inner[-3:]:
            if b >= a:
                sim = Levenshtein.normalized_similarity(query, run[a : b + 1])
                if sim > best[0] or (sim == best[0] and b + 1 - a > best[2] - best[1]):
                    best = (sim, a, b + 1)
    return best


def ref_refine(query: str, text: str) -> tuple[float, int, int]:
    hint = fuzz.partial_ratio_alignment(query, text)
    ds, de = hint.dest_start, hint.dest_end
    best = (-1.0, 0, 0)
    for s in range(max(0, ds - 2), min(len(text), ds + 3)):
        for e in range(max(s + 1, de - 2), min(len(text), de + 2) + 1):
            sim = Levenshtein.normalized_similarity(query, text[s:e])
            if sim > best[0] or (sim == best[0] and e - s < best[2] - best[1]):
                best = (sim, s, e)
    _, s, e = best
    while s < e and text[s] not in set(query):
        s += 1
    while e > s and text[e - 1] not in set(query):
        e -= 1
    if e <= s:
        return 0.0, 0, 0
    return Levenshtein.normalized_similarity(query, text[s:e]), s, e


def reference_trace(
    store: Store, phrase: str, variants: bool = True, threshold: float = VARIANT_THRESHOLD
) -> tuple[Occurrence, ...]:
    words = normalise(phrase).split()
    codes = RefCodes(words)
    content = {w for w in words if w not in STOPWORDS} or set(words)
    n_content = len([w for w in words if w not in STOPWORDS]) or len(words)
    needed = max(1, len(content) - (0 if n_content <= 2 else 1 if n_content <= 4 else 2))
    hits = []
    for rid, doc_id, pid, text, norm in store.paragraph_rows(ref_candidates(store, words)):
        text_words = norm.split()
        for at in range(len(text_words) - len(words) + 1):
            if text_words[at : at + len(words)] == words:
                hits.append((rid, doc_id, pid, text, norm, True, (at, at + len(words)), 1.0))
                break
        else:
            span = ref_find_exact(words, norm)
            if span is not None:
                hits.append((rid, doc_id, pid, text, norm, True, span, 1.0))
            elif variants and len(words) > 1 and len(content.intersection(text_words)) >= needed:
                sim, s, e = ref_best_window(codes.query, codes.encode(text_words))
                if sim >= threshold and len(content.intersection(text_words[s:e])) >= needed:
                    hits.append((rid, doc_id, pid, text, norm, False, (s, e), sim))
    docs = {doc_id: store.document(doc_id) for doc_id in {h[1] for h in hits}}
    order = {i: (d.date is None, d.date or "", d.symbol or "", d.name, d.position) for i, d in docs.items()}
    hits.sort(key=lambda h: (order[h[1]], h[0]))
    found, seen = [], set()
    for _rid, doc_id, pid, text, norm, exact, span, sim in hits:
        d = docs[doc_id]
        if d.symbol:
            if (d.symbol, pid, norm) in seen:
                continue
            seen.add((d.symbol, pid, norm))
        found.append(
            Occurrence(
                d.symbol, d.date, pid, exact, text, span, sim, d.name, d.title, d.series, d.source, d.position
            )
        )
    return tuple(found)


# --- the comparison ---


def assert_same(store: Store, phrases: list[str], thresholds: int = 20) -> dict[str, int]:
    """Both paths on every phrase, with and without variants (and at two more thresholds for the first
    ``thresholds`` phrases); returns what the default settings found."""
    seen = {"phrases": 0, "exact": 0, "variants": 0}
    for k, phrase in enumerate(phrases):
        settings = [(True, VARIANT_THRESHOLD), (False, VARIANT_THRESHOLD)]
        if k < thresholds:
            settings += [(True, 0.5), (True, 0.8)]
        for variants, threshold in settings:
            fast = trace_phrase(store, phrase, variants, threshold)
            ref = reference_trace(store, phrase, variants, threshold)
            # Dataclass equality: symbol, date, paragraph, exact, text, word span, similarity (the float
            # itself), document, title, series, source, position.
            assert fast.occurrences == ref, (phrase, variants, threshold)
            if (variants, threshold) == (True, VARIANT_THRESHOLD):
                # And the JSON: character spans, matched text, first appearances, timeline.
                assert fast.to_dict() == type(fast)(phrase, ref).to_dict()
                seen["phrases"] += 1
                seen["exact"] += sum(o.exact for o in ref)
                seen["variants"] += sum(not o.exact for o in ref)
    return seen


def cut_phrases(texts: list[str], n: int, seed: int) -> list[str]:
    """``n`` phrases: pieces of 2 to 9 words cut from ``texts``, each followed by an altered copy (a word
    dropped, changed or doubled, or two words swapped)."""
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        words = rng.choice(texts).split()
        k = rng.randint(2, 9)
        if len(words) < k:
            continue
        start = rng.randrange(len(words) - k + 1)
        cut = words[start : start + k]
        out.append(" ".join(cut))
        i = rng.randrange(k)
        altered = list(cut)
        change = rng.randrange(4)
        if change == 0 and k > 2:
            del altered[i]
        elif change == 1:
            altered[i] = rng.choice(rng.choice(texts).split())
        elif change == 2:
            altered.insert(i, altered[i])
        elif k > 1:
            j = (i + 1) % k
            altered[i], altered[j] = altered[j], altered[i]
        out.append(" ".join(altered))
    return out


EDGE_PHRASES = [
    "community of shared future for humankind",
    "open, secure, stable, accessible and peaceful",
    "voluntary, non-binding norms",
    "voluntary non binding norms",  # split word: letters-exact occurrences
    "of the",  # function words only
    "Decides",  # one content word: the word query
    "the General Assembly",
    "information and communications technologies",
    "in the use of information and",
]


def load_bench() -> object:
    spec = importlib.util.spec_from_file_location("store_bench", ROOT / "benchmarks" / "store_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["store_bench"] = module
    spec.loader.exec_module(module)
    return module


def test_fast_path_equals_reference_on_a_synthetic_corpus():
    bench = load_bench()
    from corpus.series import load_directory

    docs, failed = load_directory(BUNDLED)
    assert not failed
    real = [(d.title or "", p.lead or "", p.text) for d in docs for p in d.paragraphs]
    store = Store.open(":memory:")
    records = [bench.file_record(doc, 7) for doc in bench.synthetic_documents(6_000, 7, real)]
    store.bulk_load(records, batch_paragraphs=2_000)
    # Reprints (same symbol and text from another path: counted once) and a document that ties with
    # another on date, symbol and name (its hits merge in row id order), and split words.
    reprint = dataclasses.replace(records[5], path="reprints/5")
    other = records[9].documents[0]
    tie = dataclasses.replace(
        records[9], path="ties/9", documents=(dataclasses.replace(other, paragraphs=other.paragraphs[::-1]),)
    )
    split_words = FileRecord(
        "split.txt", 1, 1, "s", record_documents(_load_text("Welcoming voluntary non binding norms."))
    )
    store.write_records([reprint, tie, split_words])
    phrases = EDGE_PHRASES + bench.sample_phrases(real, 30, 7) + cut_phrases([t for *_, t in real], 20, 7)
    seen = assert_same(store, phrases)
    assert seen["exact"] > 1000 and seen["variants"] > 500


def _load_text(sentence: str) -> list:
    from corpus.loaders.text import load_text

    return load_text(f"A/RES/1/1\n\nThe General Assembly,\n\n{sentence}\n\n1. Decides to act.", "split.txt")


@pytest.mark.slow
def test_fast_path_equals_reference_on_the_real_corpus(tmp_path):
    if not (SHARED / "corpus" / "undocs").is_dir():
        pytest.skip(f"shared corpus not found at {SHARED}")
    store = Store.open(tmp_path / "real.db")
    store.index_directory(SHARED / "corpus" / "undocs")
    store.index_directory(SHARED / "seeds")
    texts = [r[0] for r in store.conn.execute("SELECT text FROM paragraphs ORDER BY id")]
    seen = assert_same(store, EDGE_PHRASES + cut_phrases(texts, 300, 11), thresholds=60)
    assert seen["phrases"] == len(EDGE_PHRASES) + 300 and seen["exact"] > 500 and seen["variants"] > 50
    store.close()
