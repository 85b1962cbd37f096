"""The shipped phrase lexicons (agreed formulas, hedges) and the space- and hyphen-insensitive key used to
find them across PDF split words. Pure Python: no spaCy here, so loading data costs nothing at import.

Steps: read a TSV of ``id, category, canonical, variants`` → expand placeholders ({ICTs}, {ICT}) → one
`Entry` per phrase with all its wordings; `KeyMatcher` finds any wording in a text by its normalised key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = [
    "Entry",
    "KeyMatcher",
    "data_path",
    "load_entries",
    "load_formulas",
    "load_hedges",
    "norm_key",
]

# Placeholders of formulas.tsv: the corpus writes the same formula with the term spelled out or abbreviated
# (A/RES/73/27 "ICTs", A/RES/75/240 "information and communications technologies").
_PLACEHOLDERS = {
    "{ICTs}": ("information and communications technologies", "ICTs"),
    "{ICT}": ("information and communications technology", "ICT"),
}
# What the fallback key ignores: whitespace, hyphens and dashes of every kind, soft hyphens. A PDF line break
# inside a word ("maintaini ng", "Openended", "Open ended") then costs nothing.
_IGNORED = "".join(
    [
        " ",
        "\t",
        "\n",
        "\r",
        "\f",
        "\v",
        "\u00a0",
        "\u2007",
        "\u202f",
        "\u2009",
        "\u200b",
        "\u00ad",
        "-",
        "\u2010",
        "\u2011",
        "\u2012",
        "\u2013",
        "\u2014",
        "\u2212",
    ]
)
_KEY_TABLE = str.maketrans({**{c: None for c in _IGNORED}, "\u2019": "'", "\u2018": "'"})


@dataclass(frozen=True)
class Entry:
    """One lexicon phrase: ``id`` (stable, used as label), ``category``, ``canonical`` wording and every
    accepted wording in ``variants`` (canonical first)."""

    id: str
    category: str
    canonical: str
    variants: tuple[str, ...]


def norm_key(text: str) -> str:
    """The matching key of a text: lower-cased, spaces, hyphens and dashes removed, curly quotes straightened.

    >>> norm_key("Open ended Working Group") == norm_key("open-ended working group")
    True
    >>> norm_key("internationals ecurity") == norm_key("international security")
    True
    """
    return text.lower().translate(_KEY_TABLE)


def data_path(name: str) -> Path:
    """The path of a data file shipped in ``nlp/data``."""
    return Path(str(resources.files("nlp").joinpath("data", name)))


def _expand(text: str) -> list[str]:
    out = [text]
    for ph, choices in _PLACEHOLDERS.items():
        out = [o.replace(ph, c) for o in out for c in choices] if any(ph in o for o in out) else out
    return out


def _read_rows(path: Path) -> Iterator[list[str]]:
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 3:
                raise ValueError(f"{path}:{n}: expected at least 3 tab-separated columns, got {len(cols)}")
            yield cols


def load_entries(path: str | Path) -> list[Entry]:
    """Read a lexicon TSV (``id, category, canonical, variants``) and expand its placeholders.

    >>> entries = load_entries(data_path("hedges.tsv"))
    >>> [e.variants for e in entries if e.id == "as-appropriate"]
    [('as appropriate',)]
    """
    entries: list[Entry] = []
    seen: set[str] = set()
    for cols in _read_rows(Path(path)):
        eid, category, canonical = (c.strip() for c in cols[:3])
        if eid in seen:
            raise ValueError(f"{path}: duplicate id {eid!r}")
        seen.add(eid)
        raw = [canonical] + [v.strip() for v in (cols[3] if len(cols) > 3 else "").split("|") if v.strip()]
        variants: list[str] = []
        for r in raw:
            for v in _expand(r):
                if v not in variants:
                    variants.append(v)
        entries.append(Entry(eid, category, _expand(canonical)[0], tuple(variants)))
    return entries


@lru_cache(maxsize=8)
def _cached(path: str) -> tuple[Entry, ...]:
    return tuple(load_entries(path))


def load_formulas(path: str | Path | None = None) -> list[Entry]:
    """The agreed formulas (``nlp/data/formulas.tsv`` unless ``path`` is given).

    >>> f = {e.id: e for e in load_formulas()}
    >>> len(f) >= 100, f["community-of-shared-future"].canonical
    (True, 'community of shared future for humankind')
    """
    return list(_cached(str(path or data_path("formulas.tsv"))))


def load_hedges(path: str | Path | None = None) -> list[Entry]:
    """The hedges and qualifiers (``nlp/data/hedges.tsv`` unless ``path`` is given)."""
    return list(_cached(str(path or data_path("hedges.tsv"))))


def _trie_regex(keys: Iterable[str]) -> str:
    """A regex alternation factored as a trie, so that matching costs one branch per character, not one per
    key, and a longer key wins over its prefix (greedy optional tails)."""
    trie: dict[str, dict] = {}
    for k in keys:
        node = trie
        for ch in k:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


class KeyMatcher:
    """Finds the wordings of lexicon entries in a text by their `norm_key`, with word boundaries at both ends
    (the start and end of a match must not be inside a word), whatever spaces or hyphens lie within.

    >>> m = KeyMatcher(load_formulas())
    >>> text = "the maintenance of internationa l peace and se curity,"
    >>> [(e.id, text[s:t]) for e, s, t in m.find(text)]
    [('international-peace-and-security', 'maintenance of internationa l peace and se curity')]
    """

    def __init__(self, entries: Sequence[Entry]):
        self.by_key: dict[str, tuple[Entry, str]] = {}
        self.keys_of: dict[str, list[str]] = {}
        for e in entries:
            for v in e.variants:
                k = norm_key(v)
                if k:
                    self.by_key.setdefault(k, (e, v))
                    self.keys_of.setdefault(e.id, []).append(k)
        keys = list(self.by_key)
        self.regex = re.compile(_trie_regex(keys)) if keys else None

    def find_keys(self, key: str) -> list[tuple[int, int, str]]:
        """Matches in a key string: ``(start, end, matched key)``; non-overlapping, longest at each place."""
        if self.regex is None:
            return []
        return [(m.start(), m.end(), m.group()) for m in self.regex.finditer(key)]

    def find(self, text: str, only: Iterable[Entry] | None = None) -> list[tuple[Entry, int, int]]:
        """Matches in ``text`` as ``(entry, start_char, end_char)``, bounded by non-word characters.

        With ``only``, look for those entries alone (every occurrence, overlapping ones included): a few
        substring searches instead of the whole lexicon's regex.
        """
        key = norm_key(text)
        if only is None:
            hits = self.find_keys(key)
        else:
            hits = []
            for e in only:
                for k in self.keys_of.get(e.id, ()):
                    i = key.find(k)
                    while i != -1:
                        hits.append((i, i + len(k), k))
                        i = key.find(k, i + 1)
        if not hits:
            return []
        to_text = _offset_map(text, key)
        out = []
        for ks, ke, k in hits:
            start, end = to_text(ks), to_text(ke - 1) + 1
            if start > 0 and text[start - 1].isalnum() or end < len(text) and text[end].isalnum():
                continue
            out.append((self.by_key[k][0], start, end))
        return out


_DROPPED = re.compile("[" + re.escape(_IGNORED) + "]")


def _offset_map(text: str, key: str) -> Callable[[int], int]:
    """A function from an index of ``key = norm_key(text)`` to the index of the same character in ``text``."""
    if len(text.lower()) != len(text):  # a character lower-cases to two (e.g. "İ"): map char by char
        table = [i for i, c in enumerate(text) for _ in c.lower().translate(_KEY_TABLE)]
        return table.__getitem__
    # Text index = key index + number of dropped characters before it: one pass over the dropped ones.
    dropped = [m.start() for m in _DROPPED.finditer(text)]

    def to_text(k: int) -> int:
        t = k
        for d in dropped:
            if d <= t:
                t += 1
            else:
                break
        return t

    return to_text
