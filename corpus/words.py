"""Repair of words broken by PDF extraction, using an English word-frequency list (wordfreq).

Three artefacts are repaired: a stray space inside a word ("maintaini ng", "in ternational", "Ke nya"), a
space before a hyphen or a comma ("non -proliferation", "campaign ,"), and a line-end hyphen lost between
two words ("Openended", "SecretaryGeneral"). A word of the list is never changed: a split is only joined
when at least one of its fragments is not a word, and a compound is only re-hyphenated when it is not a
word itself and the hyphenated form is attested.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from functools import lru_cache

__all__ = ["LazyForms", "is_word", "repair_spacing", "repair_words", "zipf"]

# Two-letter tokens of the word list are mostly web noise ("ng", "ct", "th"); only these are words.
_SHORT_WORDS = frozenset(
    "a i ad ah am an as at aw be by do eh go ha he hi if in is it me my no of oh ok on or ox so to up us "
    "we ye".split()
)
# Zipf frequency (log10 per billion words) from which a token counts as a word; 3.0 is about once per
# million words, which keeps "peacebuilding"-style terms of art out but every common word in.
_WORD_ZIPF = 3.0
# A rarer word that is still a word: below this, a compound like "highlevel" is a lost hyphen.
_RARE_ZIPF = 2.0
_LETTERS = "A-Za-zÀ-ÖØ-öø-ɏ"
_TOKEN = re.compile(rf"[{_LETTERS}]+")
_COMPOUND = re.compile(rf"(?<![{_LETTERS}])[{_LETTERS}]{{6,}}(?:-[{_LETTERS}]+)*(?![{_LETTERS}])")
# Latin and foreign pairs of two real fragments that would make a word when joined.
_KEEP_APART = frozenset({"viet nam", "bona fide", "per se", "de facto", "de jure", "inter alia", "ad hoc"})


@lru_cache(maxsize=1)
def _freq() -> dict[str, float]:
    """Zipf frequency of every English word of wordfreq's large list at or above ``_RARE_ZIPF``.

    wordfreq's list is a gzipped msgpack "cBpack": a header, then bins of words, bin i holding the words
    of frequency 10^(-i/100). Reading it directly costs a fifth of importing wordfreq (which pulls in
    ftfy and langcodes); rarer words than ``_RARE_ZIPF`` never change a decision here, so they are left out.
    """
    import gzip
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("wordfreq")
    locations = list(spec.submodule_search_locations or []) if spec else []
    data_file = Path(locations[0], "data", "large_en.msgpack.gz") if locations else None
    if data_file is not None and data_file.is_file():
        import msgpack

        bins = msgpack.unpackb(gzip.decompress(data_file.read_bytes()), raw=False)[1:]
        keep = int(round((9 - _RARE_ZIPF) * 100))
        return {w: round(9 - i / 100, 2) for i, words in enumerate(bins[:keep]) for w in words}
    import math

    from wordfreq import get_frequency_dict

    return {
        w: round(math.log10(f) + 9, 2)
        for w, f in get_frequency_dict("en", "large").items()
        if math.log10(f) + 9 >= _RARE_ZIPF
    }


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of a word (0.0 when unknown or rarer than twice per hundred million words).

    >>> zipf("peace") > 4.5, zipf("maintaini")
    (True, 0.0)
    """
    return _freq().get(word.lower(), 0.0)


@lru_cache(maxsize=1 << 17)
def is_word(token: str) -> bool:
    """True when ``token`` is an English word of the list (short tokens only from a closed list).

    >>> is_word("affect"), is_word("affe"), is_word("ct"), is_word("of")
    (True, False, False, True)
    """
    low = token.lower()
    if len(low) <= 2:
        return low in _SHORT_WORDS
    return zipf(low) >= _WORD_ZIPF


def repair_spacing(text: str) -> str:
    """Remove spaces that extraction put before hyphens and punctuation.

    >>> repair_spacing("non -proliferation and campaign , vilification ( ICTs )")
    'non-proliferation and campaign, vilification (ICTs)'
    """
    # Each pattern runs only where its telltale pair of characters occurs: most paragraphs have none.
    if " -" in text or " –" in text:
        text = _SPACE_DASH.sub(r"\1", text)
    # A year cut before its last digit ("in 202 1").
    text = _SPLIT_YEAR.sub(r"\1\2", text)
    if " ," in text or " ;" in text or " :" in text:
        text = _SPACE_PUNCT.sub("", text)
    if "( " in text:
        text = _OPEN_SPACE.sub("(", text)
    if " )" in text:
        text = _SPACE_CLOSE.sub(")", text)
    return text


_SPACE_DASH = re.compile(rf"(?<=[{_LETTERS}\d]) ([-–])(?=[{_LETTERS}\d])")
_SPLIT_YEAR = re.compile(r"\b((?:19|20)\d) (\d)\b")
_SPACE_PUNCT = re.compile(rf"(?<=[{_LETTERS}\d)”’]) +(?=[,;:](?:\s|$))")
_OPEN_SPACE = re.compile(r"\( +(?=\S)")
_SPACE_CLOSE = re.compile(r"(?<=\S) +\)")


def repair_words(text: str, attested: Iterable[str] | LazyForms = ()) -> str:
    """Join words split by a stray space and restore hyphens lost at line ends.

    ``attested`` is a set of lower-case hyphenated forms seen elsewhere (in the same document), which
    license re-hyphenating a joined compound.

    >>> repair_words("for in ternational security, maintaini ng peace an d the SecretaryGeneral")
    'for international security, maintaining peace and the Secretary-General'
    >>> repair_words("the Openended Working Group", {"open-ended"})
    'the Open-ended Working Group'
    >>> repair_words("a round of talks on the bona fide request")
    'a round of talks on the bona fide request'
    """
    text = _join_splits(repair_spacing(text))
    hyphenated: Container[str]
    if isinstance(attested, (set, frozenset, LazyForms)):
        hyphenated = attested
    else:
        hyphenated = {a.lower() for a in attested}
    # Most long words are words of the list, and most others stay as they are: the substitution runs only
    # when a word changes, and with the changes already decided.
    changed = {}
    for token in set(_COMPOUND.findall(text)):
        if not _plain(token):
            repaired = _hyphenate(token, hyphenated)
            if repaired != token:
                changed[token] = repaired
    if not changed:
        return text
    return _COMPOUND.sub(lambda m: changed.get(m.group(0), m.group(0)), text)


@lru_cache(maxsize=1 << 16)
def _plain(token: str) -> bool:
    """True when `_hyphenate` leaves ``token`` as it is, whatever forms are attested: every hyphen-free
    part of six letters or more is frequent enough."""
    return all(len(part) < 6 or zipf(part) >= _RARE_ZIPF for part in token.split("-"))


def _join_splits(text: str) -> str:
    """Join word pairs split by one space, scanning every pair (a joined word can join again)."""
    parts = _SPLIT.split(text)
    # parts alternates: [gap, word, gap, word, …, gap]; word k is parts[2k + 1], the gap after it
    # parts[2k + 2].
    words = parts[1::2]
    # Two words of the list never join: most paragraphs hold no other word.
    if all(map(is_word, set(words))):
        return text
    # Nor does a word before a capital: the pairs left to test touch a word off the list.
    n = len(words)
    off_list = (k for k, word in enumerate(words) if not is_word(word))
    pairs = sorted({j for k in off_list for j in (k - 1, k) if 0 <= j < n - 1})
    pieces: list[str] = []
    copied = 0  # parts[:copied] are in pieces
    done = -1  # the last word a join consumed or tested
    for k in pairs:
        if k <= done or parts[2 * k + 2] != " " or not words[k + 1][0].islower():
            continue
        word, j = words[k], k
        while (
            j + 1 < n
            and parts[2 * j + 2] == " "
            and _should_join(word, words[j + 1], parts[2 * k], parts[2 * j + 4])
        ):
            word, j = word + words[j + 1], j + 1
        if j > k:
            pieces.append("".join(parts[copied : 2 * k + 1]))
            pieces.append(word)
            copied = 2 * j + 2
        done = j
    if not pieces:
        return text
    pieces.append("".join(parts[copied:]))
    return "".join(pieces)


_SPLIT = re.compile(rf"([{_LETTERS}]+)")


def _should_join(a: str, b: str, before: str, after: str) -> bool:
    if not b[0].islower() or (is_word(a) and is_word(b)):
        return False
    # Only whole words: not the tail of "non-" or "State’s", not a prefix of "a-b".
    if (before and before[-1] in "-’'") or (after and after[0] in "-’'"):
        return False
    if f"{a} {b}".lower() in _KEEP_APART:
        return False
    # A split word starts with its capital or is lower case throughout ("Ke nya", "in ternational").
    if not (a[1:].islower() or len(a) == 1) or zipf(a + b) < _WORD_ZIPF:
        return False
    # A lone capital before a word is an initial or a list letter ("43/78 H of"), not a split ("N epal").
    return not (len(a) == 1 and is_word(b))


def _hyphenate(token: str, attested: Container[str]) -> str:
    if "-" not in token and zipf(token) >= _RARE_ZIPF:
        return token
    parts = token.split("-")
    out = []
    for part in parts:
        out.append(_split_compound(part, attested) if len(part) >= 6 else part)
    return "-".join(out)


def _split_compound(part: str, attested: Container[str]) -> str:
    if zipf(part) >= _RARE_ZIPF:
        return part
    best: tuple[float, int] | None = None
    for k in range(3, len(part) - 2):
        left, right = part[:k], part[k:]
        camel = left[-1].islower() and right[0].isupper()
        if not right[1:].islower() and not right.isupper():
            continue
        # Both halves must be words before the (costlier) evidence is looked up.
        if not (is_word(left) and is_word(right)):
            continue
        if not camel and f"{left}-{right}".lower() not in attested:
            continue
        score = min(zipf(left), zipf(right))
        if best is None or score > best[0]:
            best = (score, k)
    if best is None:
        return part
    return part[: best[1]] + "-" + part[best[1] :]


class LazyForms:
    """The hyphenated forms found in some texts, looked up one at a time: a document asks about a handful
    of compounds, so searching its text for each beats listing every form it holds.

    >>> "open-ended" in LazyForms(["the Open-ended Working Group"]), "open-end" in LazyForms(["open-ended"])
    (True, False)
    """

    def __init__(self, texts: Iterable[str]) -> None:
        self._text = "\n".join(texts).lower()

    def __contains__(self, form: object) -> bool:
        if not isinstance(form, str):
            return False
        return re.search(rf"(?<![{_LETTERS}]){re.escape(form)}(?![{_LETTERS}])", self._text) is not None
