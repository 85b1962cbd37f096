"""Word diff of two paragraph texts with diff-match-patch in word mode.

Steps: tokenise (words, spaces, punctuation) → key each token by its comparison form (quotes, dashes and
spaces unified; optionally case and punctuation ignored) → map each distinct key to one private-use code
point → diff the code strings (``Diff_Timeout = 0``: exact and deterministic) → semantic cleanup (both with
fast-diff-match-patch, the C++ port of the same library, when it is installed: the same edits, nine times
faster; diff-match-patch's Python code otherwise) → map back
to the real tokens, splitting "equal" runs whose surface forms differ → fold tiny equal scraps between
changes into the change → merge runs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from diff_match_patch import diff_match_patch

try:
    import fast_diff_match_patch
except ImportError:  # pragma: no cover - a platform without its wheel falls back to the Python code
    fast_diff_match_patch = None

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


def diff_codes(a: str, b: str, accelerated: bool = True) -> list[tuple[int, int]]:
    """diff-match-patch's diff of two strings (no deadline, line mode off) after its semantic cleanup, as
    ``(op, length)`` runs: op -1 delete, 0 equal, 1 insert.

    ``accelerated`` uses fast-diff-match-patch when it is installed: a port of the same algorithm whose
    runs equal the Python code's (tests/textdiff/test_words.py compares them on real paragraph pairs and
    random strings), so the output does not depend on which one ran.

    >>> diff_codes("abcd", "abxd"), diff_codes("abcd", "abxd", accelerated=False)
    ([(0, 2), (-1, 1), (1, 1), (0, 1)], [(0, 2), (-1, 1), (1, 1), (0, 1)])
    """
    if accelerated and fast_diff_match_patch is not None:
        ops = {"=": 0, "-": -1, "+": 1}
        runs = fast_diff_match_patch.diff(a, b, timelimit=0, checklines=False, cleanup="Semantic")
        return [(ops[op], n) for op, n in runs]
    dmp = _engine()
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    return [(op, len(chunk)) for op, chunk in diffs]


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
    codes: dict[str, str] = {}  # comparison key → code point
    of_token: dict[str, str] = {}  # token → code point, its key's

    def code(token: str) -> str:
        k = comparison_key(token, ignore_case, ignore_punctuation)
        c = codes.get(k)
        if c is None:
            c = codes[k] = _code_point(len(codes))
        of_token[token] = c
        return c

    def encode(tokens: list[str]) -> str:
        return "".join([of_token[t] if t in of_token else code(t) for t in tokens])

    edits: list[Edit] = []
    ia = ib = 0
    for op, n in diff_codes(encode(a), encode(b)):
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
