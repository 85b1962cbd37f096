"""Recurring phrases across documents (the formulas a series keeps repeating, found without a lexicon) and
the tagged phrases of one document.

Steps (discovery): split each paragraph at sentence, semicolon, colon, bracket and quote boundaries and at
numbers → count every n-gram of 3 to 8 words per document (lower-cased; commas kept inside, never at an
end) → keep those of ``min_docs`` documents or more that neither start nor end with a stop word → drop an
n-gram contained in a longer one found in the same documents, and chain overlapping ones found in the same
documents into one phrase → score (see `discover_phrases`) → group near-duplicates as variants → top N.
Pure Python and rapidfuzz; `tag_document` alone uses the spaCy pipeline (imported on first call).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from corpus.model import Document
from nlp.lexicon import data_path

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "Phrase",
    "SCORING",
    "STOP_WORDS",
    "boilerplate_shares",
    "discover_phrases",
    "load_boilerplate",
    "phrases_to_dict",
    "tag_document",
    "write_boilerplate",
]

SCHEMA_VERSION = 1
MIN_WORDS, MAX_WORDS = 3, 8
SCORING = (
    "score = weighted doc_freq x min(words, 8) x (1 - boilerplate^2); weighted doc_freq = the "
    "documents holding the phrase, each counting its occurrences up to 3; boilerplate = the share of "
    "the series "
    "of a reference corpus (the 38 General Assembly series of the shared corpus, "
    "nlp/data/boilerplate.tsv) whose texts contain the phrase: 0 for a phrase of one series, "
    "near 1 for procedural wording every resolution uses ('decides to include in the provisional "
    "agenda')"
)

# Function words an n-gram may hold but not start or end with. Deliberately short: "full", "first", "call"
# are content words in this register ("full, equal and meaningful participation").
STOP_WORDS = frozenset(
    """a an the and or but nor of in on at to for from by with as into onto upon within without through
    between among against about over under towards toward via per that which who whom whose what this these
    those it its their them they he she his her our we us is are was were be been being has have had do does
    did will would shall should may might must can could not no such so than then there here where when if
    while whether also all any each both either neither other another some same own very more most well
    further thereof therein thereby including inter alia""".split()
)
# Segment boundaries: sentence ends, semicolons, colons, brackets, quotes, dashes used as punctuation.
_BOUNDARY = re.compile(r"[;:!?()\[\]“”\"«»]|\.(?=\s|$)|\s[–—]\s")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\S*\d\S*|,")


@dataclass(frozen=True)
class Phrase:
    """A recurring phrase: ``text`` (lower-cased), how many documents and series hold it, how often it
    occurs, its score, the near-duplicate ``variants`` grouped under it and ``examples`` as
    ``(document name, paragraph id)``, one per document, in input order."""

    text: str
    doc_freq: int
    series_freq: int
    count: int
    score: float
    variants: tuple[str, ...] = ()
    examples: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def words(self) -> int:
        """Number of words (commas do not count)."""
        return len(self.text.replace(",", " ").split())

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "text": self.text,
            "doc_freq": self.doc_freq,
            "series_freq": self.series_freq,
            "count": self.count,
            "score": round(self.score, 3),
            "variants": list(self.variants),
            "examples": [{"document": d, "paragraph": p} for d, p in self.examples],
        }


def _segments(text: str) -> list[list[str]]:
    """Word sequences of ``text`` between boundaries; a word followed by a comma carries it ("open,")."""
    out: list[list[str]] = []
    for part in _BOUNDARY.split(text):
        seq: list[str] = []
        for tok in _TOKEN.findall(part.lower()):
            if tok == ",":
                if seq and not seq[-1].endswith(","):
                    seq[-1] += ","
            elif any(c.isdigit() for c in tok):  # numbers, symbols and dates end a segment
                if len(seq) >= MIN_WORDS:
                    out.append(seq)
                seq = []
            else:
                seq.append(tok.replace("’", "'"))
        if len(seq) >= MIN_WORDS:
            out.append(seq)
    return out


def _key(seq: Sequence[str], i: int, n: int) -> str:
    """The n-gram ``seq[i:i+n]`` as text: commas inside kept, a comma after the last word dropped."""
    words = list(seq[i : i + n])
    words[-1] = words[-1].rstrip(",")
    return " ".join(words)


def _is_candidate(key: str) -> bool:
    words = key.split()
    first, last = words[0], words[-1]
    return not first.endswith(",") and first not in STOP_WORDS and last not in STOP_WORDS


def _series(doc: Document) -> str:
    return (doc.title or "").strip().lower() or f"\0{doc.name}"


@dataclass
class _Stats:
    docs: set[int] = field(default_factory=set)
    count: int = 0
    # (doc, paragraph index, segment index, word start) of every occurrence.
    where: list[tuple[int, int, int, int]] = field(default_factory=list)


def _count(segs: list[list[tuple[int, int, list[str]]]], min_docs: int) -> dict[str, _Stats]:
    """Every n-gram of 3 to 8 words in at least ``min_docs`` documents (apriori: an n-gram is counted only
    when its two (n-1)-word parts are frequent enough). Words are coded as integers while counting; a word
    with its comma ("open,") and without it ("open") get different codes, and an n-gram ends on the code
    without the comma."""
    codes: dict[str, int] = {}
    coded: list[list[tuple[int, int, list[int], list[int]]]] = []
    for doc_segs in segs:
        rows = []
        for p, s, seq in doc_segs:
            full = [codes.setdefault(w, len(codes)) for w in seq]
            bare = [codes.setdefault(w.rstrip(","), len(codes)) for w in seq]
            rows.append((p, s, full, bare))
        coded.append(rows)
    words = {c: w for w, c in codes.items()}
    found: dict[tuple[int, ...], list] = {}
    frequent: set[tuple[int, ...]] = set()
    for n in range(MIN_WORDS, MAX_WORDS + 1):
        level: dict[tuple[int, ...], list] = {}
        for d, rows in enumerate(coded):
            for p, s, full, bare in rows:
                for i in range(len(full) - n + 1):
                    j = i + n - 1
                    if n > MIN_WORDS and (
                        (*full[i : j - 1], bare[j - 1]) not in frequent
                        or (*full[i + 1 : j], bare[j]) not in frequent
                    ):
                        continue
                    k = (*full[i:j], bare[j])
                    st = level.get(k)
                    if st is None:
                        st = level[k] = [set(), 0, []]
                    st[0].add(d)
                    st[1] += 1
                    st[2].append((d, p, s, i))
        frequent = {k for k, st in level.items() if len(st[0]) >= min_docs}
        found.update((k, level[k]) for k in frequent)
        if not frequent:
            break
    return {" ".join(words[c] for c in k): _Stats(st[0], st[1], st[2]) for k, st in found.items()}


_Segs = list[list[tuple[int, int, list[str]]]]
# Occurrences of a phrase in one document count up to this many: a formula a text repeats counts more than
# one it uses once, a clause repeated twenty times in one text no more than three.
_TF_CAP = 3


def _merge(stats: dict[str, _Stats], segs: _Segs) -> list[tuple[str, _Stats]]:
    """Candidates minus those contained in a longer candidate of the same documents, then overlapping
    candidates of the same documents chained into one phrase (a long passage repeated from text to text is
    one phrase, not a dozen overlapping 8-grams)."""
    cands = {k: st for k, st in stats.items() if _is_candidate(k)}
    # Subsumed: a sub-n-gram of a longer candidate with the same documents that (nearly) never occurs
    # outside it: once, or one time in ten ("information and communications technologies" stays beside "use
    # of information and communications technologies": it is used otherwise six times out of 48).
    subsumed: set[str] = set()
    for k, st in cands.items():
        words = k.split()
        n = len(words)
        for m in range(MIN_WORDS, n):
            for i in range(n - m + 1):
                sub = words[i : i + m]
                sub[-1] = sub[-1].rstrip(",")
                sk = " ".join(sub)
                other = cands.get(sk)
                if (
                    other is not None
                    and other.docs == st.docs
                    and other.count - st.count <= max(1, other.count // 10)
                ):
                    subsumed.add(sk)
    kept = {k: st for k, st in cands.items() if k not in subsumed}
    # Chain overlapping survivors of the same documents: union-find over (doc set, location) overlaps.
    parent = {k: k for k in kept}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    spans_at: dict[tuple[int, int, int], list[tuple[int, int, str]]] = {}
    for k, st in kept.items():
        n = len(k.split())
        for d, p, s, i in st.where:
            spans_at.setdefault((d, p, s), []).append((i, i + n, k))
    overlaps: dict[tuple[str, str], int] = {}
    for spans in spans_at.values():
        spans.sort()
        for a in range(len(spans)):
            for b in range(a + 1, len(spans)):
                if spans[b][0] >= spans[a][1]:
                    break
                ka, kb = spans[a][2], spans[b][2]
                if ka != kb and kept[ka].docs == kept[kb].docs and spans[b][1] > spans[a][1]:
                    overlaps[(ka, kb)] = overlaps.get((ka, kb), 0) + 1
    for (ka, kb), n in overlaps.items():
        # Chained only when every occurrence of each overlaps one of the other: pieces of one passage.
        if n == kept[ka].count == kept[kb].count:
            parent[find(ka)] = find(kb)
    groups: dict[str, list[str]] = {}
    for k in kept:
        groups.setdefault(find(k), []).append(k)
    out: list[tuple[str, _Stats]] = []
    for members in groups.values():
        if len(members) == 1:
            out.append((members[0], kept[members[0]]))
            continue
        # The chained phrase: the union of the members' spans at the first location of the first member.
        first = min(members, key=lambda k: kept[k].where[0])
        loc = kept[first].where[0][:3]
        d, p, s = loc
        seq = next(q for pp, ss, q in segs[d] if (pp, ss) == (p, s))
        at = [
            (i, i + len(k.split()))
            for k in members
            for (dd, pp, ss, i) in kept[k].where
            if (dd, pp, ss) == loc
        ]
        lo, hi = min(a for a, _ in at), max(b for _, b in at)
        text = _key(seq, lo, hi - lo)
        st = _Stats(set(kept[first].docs), min(kept[k].count for k in members), list(kept[first].where))
        out.append((text, st))
    return out


@lru_cache(maxsize=2)
def load_boilerplate(path: str | None = None) -> dict[str, float]:
    """The shipped boilerplate shares (``nlp/data/boilerplate.tsv``: n-gram → share of series holding it)."""
    shares: dict[str, float] = {}
    with open(path or data_path("boilerplate.tsv"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            gram, share = line.rstrip("\n").split("\t")[:2]
            shares[gram] = float(share)
    return shares


def boilerplate_shares(documents: Sequence[Document], min_share: float = 0.1) -> dict[str, float]:
    """For every n-gram of 3 to 8 words, the share of series (documents sharing a title) holding it, for
    those held by at least ``min_share`` of the series: the reference that tells boilerplate from formula.

    >>> from corpus.loaders.text import load_text
    >>> docs = [load_text(f"{t}\\n\\nThe General Assembly,\\n\\n1. Decides to include in the provisional "
    ...                   f"agenda the item on {w}.", "x")[0] for t, w in [("A", "peace"), ("B", "space")]]
    >>> shares = boilerplate_shares(docs)
    >>> shares["decides to include in the provisional agenda"], "the item on peace" in shares
    (1.0, False)
    """
    series: dict[str, set[str]] = {}
    for doc in documents:
        grams: set[str] = set()
        for para in doc.paragraphs:
            for seq in _segments(para.text):
                for n in range(MIN_WORDS, MAX_WORDS + 1):
                    grams.update(_key(seq, i, n) for i in range(len(seq) - n + 1))
        series.setdefault(_series(doc), set()).update(grams)
    total = len(series) or 1
    counts: dict[str, int] = {}
    for grams in series.values():
        for g in grams:
            counts[g] = counts.get(g, 0) + 1
    return {g: c / total for g, c in counts.items() if c / total >= min_share and c >= 2}


def write_boilerplate(directory: str, path: str, min_share: float = 0.1) -> int:
    """Write the boilerplate table of the General Assembly texts in ``directory`` (``*.txt``) to ``path``;
    returns the number of n-grams written. The shipped table was made with
    ``write_boilerplate("/work/shared/corpus/undocs", "nlp/data/boilerplate.tsv")``."""
    from pathlib import Path

    import corpus

    files = sorted(Path(directory).glob("*.txt"))
    docs = [d for f in files for d in corpus.load(f)]
    shares = boilerplate_shares(docs, min_share)
    rows = sorted((g, v) for g, v in shares.items() if _is_candidate(g))
    n_series = len({_series(d) for d in docs})
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(
            f"# Boilerplate shares (nlp.phrases.load_boilerplate): n-gram <TAB> share of series "
            f"holding it.\n# Reference: {len(docs)} texts in {n_series} series (documents sharing a "
            f"title) of {directory};\n# n-grams of 3-8 words held by at least {min_share:.0%} of the "
            f"series (and two of them).\n"
            f"# Regenerate: python -c 'from nlp.phrases import write_boilerplate; "
            f"write_boilerplate(DIR, PATH)'\n"
        )
        for g, v in rows:
            fh.write(f"{g}\t{v:.4f}\n")
    return len(rows)


def _share(text: str, boilerplate: Mapping[str, float]) -> float:
    """The boilerplate share of a phrase: its own, or for a chained phrase longer than the table's n-grams,
    the smallest share of its 3- to 8-word windows (a phrase is at most as common as its rarest part).

    >>> round(_share("decides to include in the provisional agenda of its seventy-sixth session",
    ...              load_boilerplate()), 2)
    0.63
    """
    if text in boilerplate:
        return boilerplate[text]
    words = text.split()
    if len(words) <= MAX_WORDS:
        return 0.0
    shares = [
        boilerplate.get(" ".join(words[i : i + n]), 0.0)
        for n in range(MIN_WORDS, MAX_WORDS + 1)
        for i in range(len(words) - n + 1)
        if _is_candidate(" ".join(words[i : i + n]).rstrip(","))
    ]
    return min(shares, default=0.0)


def _variant_of(words: list[str], head: list[str]) -> bool:
    """Near-duplicates: one or two words apart, and either one holds the other's words in order ("security
    in the use" / "security of and in the use") or the two read alike (rapidfuzz ratio or token-sort ratio
    ≥ 85: "voluntary and non-binding norms" / "voluntary, non-binding norms", "norms, rules and principles"
    / "rules, norms and principles"); "auspices of the united nations" and "charter of the united nations"
    are not variants.

    >>> _variant_of("norms, rules and principles".split(), "rules, norms and principles".split())
    True
    >>> _variant_of("auspices of the united nations".split(), "charter of the united nations".split())
    False
    """
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Indel, Levenshtein

    if abs(len(words) - len(head)) > 2:
        return False
    dist = Levenshtein.distance(words, head)
    if not 0 < dist <= 2:
        return False
    inserted_only = Indel.distance(words, head) == abs(len(words) - len(head))
    a, b = " ".join(words), " ".join(head)
    return inserted_only or max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) >= 85


def discover_phrases(
    documents: Sequence[Document],
    top: int = 50,
    min_docs: int = 2,
    boilerplate: Mapping[str, float] | None = None,
) -> list[Phrase]:
    """The phrases that recur across ``documents``, best first.

    Score = weighted doc_freq × min(words, 8) × (1 − boilerplate²):

    - weighted doc_freq: each document that holds the phrase counts its occurrences up to 3 (a formula a
      text uses three times weighs more than a clause it uses once; repetition within one text saturates);
    - words, capped at 8: a longer phrase is a more specific one, but a whole paragraph repeated in two texts
      must not outweigh a formula every text uses;
    - boilerplate: the share of the series of a reference corpus that hold the phrase (`load_boilerplate()`
      by default: the 38 General Assembly series of the shared corpus). Squared, so that only wording
      (nearly) every resolution uses is pushed down ("decides to include in the provisional agenda", held
      by 97% of the series, keeps 6% of its weight) while a Charter formula held by half of them ("the
      maintenance of international peace and security", 45%) keeps 80%.

    Ties are broken by occurrences, then text; near-duplicates (one or two words apart) are listed as
    ``variants`` of the best-scored one.

    >>> from corpus.loaders.text import load_text
    >>> docs = [load_text(f"A/RES/{n}\\n\\nThe General Assembly,\\n\\nStressing the use of information "
    ...                   f"and communications technologies for peaceful purposes,\\n\\n1. Decides to act "
    ...                   f"on {w}.", "x")[0] for n, w in [("1/1", "it"), ("2/1", "them")]]
    >>> [(p.text, p.doc_freq) for p in discover_phrases(docs, top=3)]
    [('stressing the use of information and communications technologies for peaceful purposes', 2), \
('decides to act', 2)]
    """
    if boilerplate is None:
        boilerplate = load_boilerplate()
    docs = list(documents)
    segs = [
        [(p, s, seq) for p, para in enumerate(doc.paragraphs) for s, seq in enumerate(_segments(para.text))]
        for doc in docs
    ]
    stats = _count(segs, max(1, min_docs))
    series = [_series(d) for d in docs]
    scored: list[tuple[float, str, _Stats]] = []
    for text, st in _merge(stats, segs):
        per_doc: dict[int, int] = {}
        for d, *_ in st.where:
            per_doc[d] = per_doc.get(d, 0) + 1
        weight = sum(min(n, _TF_CAP) for n in per_doc.values())
        share = _share(text, boilerplate)
        score = weight * min(len(text.split()), MAX_WORDS) * (1.0 - share * share)
        if score > 0:
            scored.append((score, text, st))
    scored.sort(key=lambda x: (-x[0], -x[2].count, x[1]))
    # Group near-duplicates among a shortlist, then cut to ``top``.
    heads: list[tuple[float, str, _Stats, list[str]]] = []
    for score, text, st in scored[: max(top * 5, top)]:
        words = text.split()
        for head in heads:
            if _variant_of(words, head[1].split()):
                head[3].append(text)
                break
        else:
            heads.append((score, text, st, []))
    out: list[Phrase] = []
    for score, text, st, variants in heads[:top]:
        examples: list[tuple[str, str]] = []
        seen: set[int] = set()
        for d, p, _, _ in sorted(st.where):
            if d not in seen:
                seen.add(d)
                examples.append((docs[d].name, docs[d].paragraphs[p].id))
        out.append(
            Phrase(
                text,
                len(st.docs),
                len({series[d] for d in st.docs}),
                st.count,
                round(score, 6),
                tuple(variants),
                tuple(examples),
            )
        )
    return out


def phrases_to_dict(phrases: Iterable[Phrase]) -> dict[str, Any]:
    """The ``phrases`` JSON: ``{"schema_version": 1, "scoring": …, "phrases": [...]}``.

    >>> phrases_to_dict([Phrase("international peace and security", 3, 2, 5, 12.0)])["phrases"][0]["text"]
    'international peace and security'
    """
    return {"schema_version": SCHEMA_VERSION, "scoring": SCORING, "phrases": [p.as_dict() for p in phrases]}


def tag_document(document: Document, nlp: Language | None = None) -> dict[str, Any]:
    """The tagged phrases of one document (leads with their strength, hedges, references, formulas), per
    paragraph, with a summary: what ``textdiff phrases FILE`` prints.

    >>> from corpus.loaders.text import load_text
    >>> doc = load_text("The General Assembly,\\n\\n1. Urges States, as appropriate, to act.", "x")[0]
    >>> out = tag_document(doc)
    >>> [(p["kind"], p["text"]) for p in out["paragraphs"][0]["phrases"]], out["summary"]["hedge"]
    ([('lead', 'Urges'), ('hedge', 'as appropriate')], {'as-appropriate': 1})
    """
    from nlp.annotate import tag_texts

    paragraphs = list(document.paragraphs)
    tagged = tag_texts([p.text for p in paragraphs], nlp)
    summary: dict[str, dict[str, int]] = {"lead": {}, "hedge": {}, "reference": {}, "formula": {}}
    rows = []
    for para, phrases in zip(paragraphs, tagged, strict=True):
        lead = next((p for p in phrases if p.kind == "lead" and p.start == 0), None)
        for p in phrases:
            key = (p.family or "unscaled") if p.kind == "lead" else p.label
            summary[p.kind][key] = summary[p.kind].get(key, 0) + 1
        rows.append(
            {
                "id": para.id,
                "kind": para.kind,
                "lead": lead.as_dict() if lead else None,
                "phrases": [p.as_dict() for p in phrases],
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "document": {
            "name": document.name,
            "symbol": document.symbol,
            "title": document.title,
            "date": document.date,
        },
        "paragraphs": rows,
        "summary": {k: dict(sorted(v.items())) for k, v in summary.items()},
    }
