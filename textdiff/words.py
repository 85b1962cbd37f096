"""Word diff of two paragraph texts with diff-match-patch in word mode.

Steps: tokenise (words, spaces, punctuation) → key each token by its comparison form (quotes, dashes and
spaces unified; optionally case and punctuation ignored) → map each distinct key to one private-use code
point → diff the code strings (``Diff_Timeout = 0``: exact and deterministic) → semantic cleanup → map back
to the real tokens, splitting "equal" runs whose surface forms differ → fold tiny equal scraps between
changes into the change → merge runs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from diff_match_patch import diff_match_patch

__all__ = ["DELETE", "EQUAL", "INSERT", "Edit", "comparison_key", "diff_words", "tokenize"]

EQUAL, DELETE, INSERT = "equal", "delete", "insert"

# Words keep inner hyphens, apostrophes, slashes and dots of symbols together ("non-proliferation",
# "State's", "75/240", "A/C.1/77/L.23/Rev.1"), so a diff never cuts a symbol in half.
_TOKEN = re.compile(r"\w+(?:[-‐‑'’/.:]\w+)*|\s+|[^\w\s]", re.UNICODE)
_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)
# Private-use code points: one per distinct token of a pair (a paragraph pair has a few hundred).
_PUA_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))


@dataclass(frozen=True)
class Edit:
    """One run of a word diff: ``op`` is "equal", "delete" or "insert"."""

    op: str
    text: str

    def as_list(self) -> list[str]:
        """The contract's JSON form: ``["equal", "Recognizing that "]``."""
        return [self.op, self.text]


def tokenize(text: str) -> list[str]:
    """Split text into words, whitespace runs and single punctuation marks; joining gives the text back.

    >>> tokenize("Recalling its resolution 75/240, “as appropriate”")
    ['Recalling', ' ', 'its', ' ', 'resolution', ' ', '75/240', ',', ' ', '“', 'as', ' ', 'appropriate', '”']
    """
    return _TOKEN.findall(text)


@lru_cache(maxsize=1 << 16)
def comparison_key(token: str, ignore_case: bool = False, ignore_punctuation: bool = False) -> str:
    """The form a token is compared by: typographic variants unified, never shown to the user.

    >>> comparison_key("“"), comparison_key("–"), comparison_key("Decides", ignore_case=True)
    ('"', '-', 'decides')
    """
    key = unicodedata.normalize("NFKC", token).translate(_QUOTES)
    if key.isspace():
        return " "
    if ignore_case:
        key = key.casefold()
    if ignore_punctuation and not any(c.isalnum() for c in key):
        return "\x00punct"
    return key


def _code_point(i: int) -> str:
    for lo, hi in _PUA_RANGES:
        if i <= hi - lo:
            return chr(lo + i)
        i -= hi - lo + 1
    raise ValueError("too many distinct tokens for one word diff")


@lru_cache(maxsize=1)
def _engine() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no deadline: the same input always gives the same diff
    return dmp


def diff_words(old: str, new: str, ignore_case: bool = False, ignore_punctuation: bool = False) -> list[Edit]:
    """Word diff of ``old`` and ``new``.

    Joining the equal and delete runs gives ``old`` exactly, equal and insert runs give ``new`` exactly.
    Tokens that differ only in a typographic variant (or in case/punctuation when told to ignore them)
    are aligned as equal for the diff, then shown as the delete/insert they really are, so the result
    never misrepresents either text.

    >>> [e.as_list() for e in diff_words("Encourages States to act", "Calls upon States to act")]
    [['delete', 'Encourages'], ['insert', 'Calls upon'], ['equal', ' States to act']]
    >>> [e.as_list() for e in diff_words("the “norms”", 'the "norms"')]
    ... # doctest: +NORMALIZE_WHITESPACE
    [['equal', 'the '], ['delete', '“'], ['insert', '"'], ['equal', 'norms'],
     ['delete', '”'], ['insert', '"']]
    """
    # Diff in one canonical direction and mirror the result, so that swapping the inputs swaps insertions
    # and deletions exactly (diff-match-patch breaks ties differently in the two directions).
    if old == new:
        return [Edit(EQUAL, old)] if old else []
    if (len(new), new) < (len(old), old):
        return _mirror(diff_words(new, old, ignore_case, ignore_punctuation))
    a, b = tokenize(old), tokenize(new)
    codes: dict[str, str] = {}

    def encode(tokens: list[str]) -> str:
        out = []
        for t in tokens:
            k = comparison_key(t, ignore_case, ignore_punctuation)
            c = codes.get(k)
            if c is None:
                c = codes[k] = _code_point(len(codes))
            out.append(c)
        return "".join(out)

    ca, cb = encode(a), encode(b)
    dmp = _engine()
    diffs = dmp.diff_main(ca, cb, False)
    dmp.diff_cleanupSemantic(diffs)
    edits: list[Edit] = []
    ia = ib = 0
    for op, chunk in diffs:
        n = len(chunk)
        if op == 0:
            for ta, tb in zip(a[ia : ia + n], b[ib : ib + n], strict=True):
                if ta == tb:
                    edits.append(Edit(EQUAL, ta))
                else:
                    edits.append(Edit(DELETE, ta))
                    edits.append(Edit(INSERT, tb))
            ia += n
            ib += n
        elif op == -1:
            edits.append(Edit(DELETE, "".join(a[ia : ia + n])))
            ia += n
        else:
            edits.append(Edit(INSERT, "".join(b[ib : ib + n])))
            ib += n
    return _merge(_fold_scraps(_merge(edits)))


def _mirror(edits: list[Edit]) -> list[Edit]:
    swap = {EQUAL: EQUAL, DELETE: INSERT, INSERT: DELETE}
    return _merge([Edit(swap[e.op], e.text) for e in edits])


def _merge(edits: list[Edit]) -> list[Edit]:
    """Join neighbouring runs of one op; within a change block, deletions come before insertions."""
    out: list[Edit] = []
    i = 0
    while i < len(edits):
        if edits[i].op == EQUAL:
            text = ""
            while i < len(edits) and edits[i].op == EQUAL:
                text += edits[i].text
                i += 1
            if text:
                out.append(Edit(EQUAL, text))
            continue
        dels, ins = "", ""
        while i < len(edits) and edits[i].op != EQUAL:
            if edits[i].op == DELETE:
                dels += edits[i].text
            else:
                ins += edits[i].text
            i += 1
        if dels:
            out.append(Edit(DELETE, dels))
        if ins:
            out.append(Edit(INSERT, ins))
    return out


# An equal run between two changes that is only spacing, punctuation or one short function word reads
# better inside the change ("delete: the old; insert: a new" rather than three fragments).
_SCRAP = re.compile(
    r"^\s*(?:[^\w\s]\s*)*(?:\b(?:a|an|the|of|to|in|and|or|on|for|by|its|their)\b)?\s*(?:[^\w\s]\s*)*$"
)


def _fold_scraps(edits: list[Edit]) -> list[Edit]:
    out = list(edits)
    for i in range(1, len(out) - 1):
        e = out[i]
        if e.op != EQUAL or len(e.text) > 6 or not _SCRAP.match(e.text):
            continue
        if out[i - 1].op == EQUAL or out[i + 1].op == EQUAL:
            continue
        # Fold only next to a replacement; between two pure insertions the scrap is really shared text.
        if not _both_sides(out, i):
            continue
        out[i] = Edit("fold", e.text)
    result: list[Edit] = []
    for e in out:
        if e.op == "fold":
            result.append(Edit(DELETE, e.text))
            result.append(Edit(INSERT, e.text))
        else:
            result.append(e)
    return result


def _both_sides(edits: list[Edit], i: int) -> bool:
    """True when the change blocks on both sides of ``i`` each delete and insert something."""

    def block_ops(step: int) -> set[str]:
        ops = set()
        j = i + step
        while 0 <= j < len(edits) and edits[j].op != EQUAL:
            ops.add(edits[j].op)
            j += step
        return ops

    return block_ops(-1) == {DELETE, INSERT} or block_ops(1) == {DELETE, INSERT}
