"""Committee reports: the proposals a Main Committee of the General Assembly acted on, who sponsored them,
how each was decided (recorded votes, separate votes on paragraphs or words, amendments) and which
recommended draft each became.
"""

# Steps: decode → strip markdown (seed form) and page furniture with footnote blocks (`corpus.layout`) →
# read the report header → cut the proposals section ("II. Consideration of …") at each proposal heading →
# in each proposal, drop leftovers of furniture and footnotes, take the voting lists out of the prose →
# read sponsors and decision sentences from the prose → give each recorded vote the lists printed after it
# and check them against its tally → attach "had intended to vote" footnotes to the vote that carries
# their marker.

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from corpus.errors import ParseError
from corpus.layout import Line, is_furniture, norm_space, strip_layout, strip_markdown
from corpus.loaders import _read
from corpus.loaders.text import _looks_markdown, decode_text
from corpus.states import MEMBER_STATES, canonical_state, split_state_list, state_key
from corpus.structure import iso_date, ordinal_number

__all__ = [
    "Action",
    "Note",
    "Proposal",
    "Report",
    "format_report_text",
    "format_tally",
    "load_report",
    "parse_report",
    "report_to_dict",
    "vote_shifts",
]

RECORDED = "recorded vote"
WITHOUT_VOTE = "without a vote"
# A vote whose tally is given but whose lists are not ("by a non-recorded vote of 90 to 2"): rare in
# Main Committee reports, kept apart so that a recorded vote always has lists to check.
NON_RECORDED = "vote"

IN_FAVOUR = "in favour"
AGAINST = "against"
ABSTAIN = "abstain"


# --------------------------------------------------------------------------------------------------
# Model


@dataclass(frozen=True)
class Action:
    """One decision the Committee took on a proposal, a part of it or an amendment to it.

    ``target`` is ``"whole"``, a paragraph id (``"pp2"``, ``"op5"``, ``"op6_b"``; several voted together are
    joined with ``+``) or ``"amendment"`` (then ``amends`` names the paragraph amended, if the report says).
    Counts and lists are ``None`` when the decision was taken without a vote. ``yes``/``no``/``abstain`` are
    the counts as stated in the text, never corrected; ``in_favour``/``against``/``abstaining`` the canonical
    names as printed under each heading. ``warnings`` says where a tally and its lists disagree.
    """

    target: str
    outcome: str
    method: str
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    in_favour: tuple[str, ...] | None = None
    against: tuple[str, ...] | None = None
    abstaining: tuple[str, ...] | None = None
    words: str | None = None
    line: int = 0
    warnings: tuple[str, ...] = ()
    amends: str | None = None
    proposed_by: str | None = None
    amendment_text: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The ``votes`` contract's JSON form of this action."""
        return _action_to_dict(self)


@dataclass(frozen=True)
class Note:
    """A footnoted intention ("The delegation of Chad subsequently indicated that it had intended to vote
    in favour"): kept apart from the counts, which the footnote does not change.

    ``intended`` is ``"in favour"``, ``"against"``, ``"abstain"`` or ``"not vote"``; ``target`` is the target
    of the vote whose sentence carries the footnote marker, ``None`` when the marker sits on a lead-in
    ("voted on draft resolution … as follows:") that covers several votes.
    """

    state: str
    intended: str
    target: str | None
    line: int = 0


@dataclass(frozen=True)
class Proposal:
    """A draft resolution or decision acted on in the report.

    ``submitted_by`` names the delegation(s) that submitted it (several joined with ", ", which no
    canonical name contains; ``submitters`` holds them apart); ``None`` when the report does not say.
    ``sponsors`` are the States on whose behalf it was submitted, in printed order; a group named as such
    ("States Members of the United Nations that are members of the Group of African States") stays one
    string; a delegation submitting on nobody's behalf is the sole sponsor. ``joined`` are the later
    sponsors. ``recommended_as`` is the label of the recommended draft it became ("Draft resolution I",
    "Draft decision", "Draft resolution" when the report recommends a single unnumbered text).
    """

    symbol: str
    kind: str
    title: str | None
    submitted_by: str | None
    sponsors: tuple[str, ...]
    joined: tuple[str, ...]
    recommended_as: str | None
    actions: tuple[Action, ...]
    notes: tuple[Note, ...]
    oral_revision: bool
    line: int
    submitters: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """A committee report: its header and its proposals. ``warnings`` gathers every warning of the report,
    its proposals and their actions, each as ``"PATH:LINE: message"``."""

    symbol: str | None
    title: str | None
    date: str | None
    session: str | None
    agenda_item: str | None
    proposals: tuple[Proposal, ...]
    warnings: tuple[str, ...] = ()
    source: str | None = None


# --------------------------------------------------------------------------------------------------
# Patterns

_DOC_SYMBOL = r"[A-Z](?:/[A-Z]+\.\d+)?/(?:[A-Z]+-)?\d+/L\.\d+(?:/Rev\.\d+)*(?:/Corr\.\d+)?"
_HEADING = re.compile(
    rf"^(?:[A-Z]\.\s+|[IVX]+\.\s+Consideration\s+of\s+)?(?P<kind>(?i:draft\s+(?:resolution|decision)))\s+"
    rf"(?P<symbol>{_DOC_SYMBOL})(?P<amendment>\s+and\s+(?:oral\s+|written\s+)?amendments?\s+thereto)?\s*$"
)
_SECTION_START = re.compile(r"^[IVX]+\.\s+Consideration\s+of\b")
_SECTION_END = re.compile(
    r"^[IVX]+\.\s+Recommendations?\b|^(?:\d+\.\s+)?The [\w ]*Committee (?:further )?recommends\b|"
    r"^The (?:General Assembly|Security Council),|^Draft (?:resolution|decision)(?:\s+[IVXLC]+)?$"
)
_LIST_HEADING = re.compile(r"^(In favour|Against|Abstaining|Abstentions|Abstain)\s*:\s*(.*)$", re.I)
_LIST_KIND = {
    "in favour": IN_FAVOUR,
    "against": AGAINST,
    "abstaining": ABSTAIN,
    "abstentions": ABSTAIN,
    "abstain": ABSTAIN,
}
_NEW_ITEM = re.compile(r"^(?:\([a-z]{1,3}\)|\d{1,3}\.|[A-Z]\.|[IVX]+\.)(?:\s|$)")
# Words no State name contains: a line holding one is prose, so a list left open stops there.
_PROSE_WORD = re.compile(r"\b(?:Committee|was|were|voted|adopted|meeting|draft|paragraph)\b")
_MARKER_END = re.compile(r"\s+\d{1,2}$")
_SENTENCE_END = re.compile(r"[.:)](?:\s\d{1,2})?$")

_ANY_SYMBOL = re.compile(r"[A-Z]{1,4}(?:/[\w.\-]+)+(?:\s*\((?:Resumption|Part|Vol\.)[^)]*\))?")
_FOOTNOTE_OPENING = re.compile(r"^(?:\d{1,3}\s+)?For an account of\b")
_INTENTION_HINT = re.compile(r"\bhad intended\b|\bsubsequently (?:informed|indicated|advised)\b", re.I)

_TALLY = re.compile(
    r"by\s+a\s+(?P<rec>recorded\s+|non-recorded\s+)?vote\s+of\s+(?P<a>\d+|none)\s+to\s+(?P<b>\d+|none)"
    # The abstentions, unless there were none and the sentence does not say so ("of 178 to 2 (see para. 9)").
    r"(?:,?\s+(?:with|and)\s+(?P<c>\d+|no)\s+abstentions?)?",
    re.I,
)
_NO_VOTE = re.compile(r"\bwithout\s+a\s+vote\b", re.I)
_BOUNDARY = re.compile(
    r"(?<!\bpara)(?<!\bparas)(?<!\bNo)(?<!\bvol)(?<!\bart)[.:;]\s+(?:\d{1,2}\s+)?(?=[A-Z(“\"])"
)
_OUTCOME = re.compile(
    r"\b(?P<neg>not\s+(?:be\s+)?)?(?P<verb>retained|retain|adopted|adopt|approved|rejected|deleted|delete)\b",
    re.I,
)
_OUTCOME_WORD = {
    "retained": "retained",
    "retain": "retained",
    "adopted": "adopted",
    "adopt": "adopted",
    "approved": "adopted",
    "rejected": "rejected",
    "deleted": "deleted",
    "delete": "deleted",
}
_NEGATIVE = {"rejected", "deleted"}
_LEAD_IN = re.compile(
    r"\b(?:voted|took action)\s+on\s+(?:the\s+)?draft\s+(?:resolution|decision)\s+\S+\s+as\s+follows:", re.I
)
_ORDINAL = r"[a-z]+(?:-[a-z]+)?"
_PP_ORDINALS = re.compile(
    rf"\b(?P<ords>{_ORDINAL}(?:(?:,\s*|\s+and\s+){_ORDINAL})*)\s+preambular\s+paragraphs?\b", re.I
)
_PP_NUMBERS = re.compile(r"\bpreambular\s+paragraphs?\s+(?P<nums>\d+(?:(?:,\s*|\s+and\s+)\d+)*)", re.I)
_OP = re.compile(
    r"\b(?:sub-?paragraph\s+\((?P<sub1>[a-z]{1,3})\)\s+of\s+)?operative\s+paragraphs?\s+"
    r"(?P<nums>\d+(?:\s*\([a-z]{1,3}\)){0,2}(?:(?:,\s*|\s+and\s+)\d+(?:\s*\([a-z]{1,3}\)){0,2})*)",
    re.I,
)
_WORDS = re.compile(r"\bthe\s+words?\s+[“\"‘'](?P<words>.+?)[”\"’']\s+(?:in|of|from)\s+(?P<rest>.+)", re.I)
_AMENDMENT = re.compile(r"\bamendments?\b", re.I)
_AS_AMENDED = re.compile(r"\bas\s+(?:orally\s+)?amended\b", re.I)
_AMENDMENT_TO = re.compile(r"\bamendments?\s+to\s+(?:the\s+)?(?P<para>.{0,80})", re.I)
_AMENDMENT_BY = re.compile(
    r"\b(?:proposed|submitted|introduced|moved)\s+by\s+the\s+delegations?\s+of\s+(?P<by>[^,.;(]+)", re.I
)
_AMENDMENT_WHAT = re.compile(
    r"\b(to\s+(?:add|delete|insert|replace|include|amend|remove|change)\b.*?)\.(?=\s|$)", re.I
)
_SEE = re.compile(
    r"\(see\s+paras?\.?\s*\d+(?:,\s*draft\s+(?P<kind>resolution|decision)\s+(?P<num>[IVXLC]+|[A-Z]))?\)",
    re.I,
)
_SUBMITTED = re.compile(
    r"(?:the\s+delegations?\s+of\s+(?P<by>[^.]+?)|the\s+(?P<chair>Chair(?:person)?)(?:\s+of\s+the\s+Committee)?)"
    r"(?:,\s+on\s+behalf\s+of\s+(?P<behalf>[^.]+?))?,?\s+(?:submitted|introduced)\s+(?:a\s+|the\s+)?"
    r"(?:revised\s+)?draft\s+(?:resolution|decision)\b",
    re.I,
)
_TITLE = re.compile(r"\bentitled\s+[“\"](?P<title>.+?)[”\"]\s*\(", re.I)
_JOINED = re.compile(r"\bSubsequently,\s+(?P<joined>[^.]+?)\s+joined\s+in\s+sponsoring\b")
_AS_WELL_AS = re.compile(r",?\s+as\s+well\s+as\s+(?:on\s+behalf\s+of\s+)?", re.I)
_GROUP = re.compile(
    r"\b(?:States\s+Members|Member\s+States|States\s+members|Group|Movement|League|Union|Community|"
    r"Organi[sz]ation|Countries|Forum|Alliance)\b"
)
_NAMES_DRAFT = re.compile(r"\bdraft\s+(?:resolution|decision)\b", re.I)
_ORAL_REVISION = re.compile(r"\borally\s+revised\b|\boral\s+revisions?\b", re.I)
_INTENTION = re.compile(
    r"\bdelegations?\s+of\s+(?P<states>.+?),?\s+(?:subsequently\s+)?(?:informed\s+the\s+Secretariat|"
    r"indicated|advised\s+the\s+Secretariat|stated|clarified)\s+that\s+(?:it|they)\s+had\s+intended\s+"
    r"(?P<how>to\s+vote\s+in\s+favou?r|to\s+vote\s+against|to\s+abstain|not\s+to\s+(?:vote|participate))",
    re.I,
)


# --------------------------------------------------------------------------------------------------
# Reading


def load_report(path: str) -> Report:
    """Read a committee report file (``-`` for standard input) and parse it.

    Args:
        path: The file: pdftotext output of the report, or the markdown-like text of the seed.

    Returns:
        The `Report`.

    Raises:
        InputError: the file is missing, unreadable, too large or binary.
        ParseError: the text holds no proposal section of a committee report.

    >>> load_report("/nonexistent/A-77-387.txt")
    Traceback (most recent call last):
    ...
    corpus.errors.InputError: /nonexistent/A-77-387.txt: no such file. To fix: check the path
    """
    name = "<stdin>" if path == "-" else str(path)
    return parse_report(decode_text(_read(str(path)), name), name)


def parse_report(text: str, path: str) -> Report:
    """Parse the text of a committee report into its proposals, sponsors, actions and vote notes.

    Args:
        text: The decoded text (pdftotext output or the seed's markdown-like form).
        path: The file name, used in warnings and errors.

    Returns:
        The `Report`. Problems that do not stop the reading (a tally that disagrees with its lists, an
        unknown State name, a footnote whose marker is not found) are warnings, never corrections.

    Raises:
        ParseError: the text is empty or holds no proposal heading ("A. Draft resolution A/C.1/77/L.9",
            "II. Consideration of draft resolution A/C.1/77/L.9").

    >>> text = '''II. Consideration of draft resolution A/C.1/77/L.9
    ... 5. On 1 October, the delegation of Chile submitted a draft resolution
    ... entitled "Peace" (A/C.1/77/L.9).
    ... 6. The Committee adopted draft resolution A/C.1/77/L.9 by a recorded vote
    ... of 2 to 1, with 1 abstention (see para. 7). The voting was as follows:
    ... In favour:
    ... Chile, Peru.
    ... Against:
    ... Cuba.
    ... Abstaining:
    ... Fiji.'''
    >>> proposal = parse_report(text, "r.txt").proposals[0]
    >>> proposal.symbol, proposal.submitted_by, proposal.sponsors, proposal.recommended_as
    ('A/C.1/77/L.9', 'Chile', ('Chile',), 'Draft resolution')
    >>> action = proposal.actions[0]
    >>> action.target, action.outcome, (action.yes, action.no, action.abstain), action.in_favour
    ('whole', 'adopted', (2, 1, 1), ('Chile', 'Peru'))
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    if not text.strip():
        raise ParseError("is empty: there is no text to read. To fix: check the file", path)
    lines = [Line(i + 1, s) for i, s in enumerate(text.split("\n"))]
    md_notes: list[tuple[int, str, str]] = []
    if _looks_markdown(text):
        lines, md_notes = strip_markdown(lines)
    layout = strip_layout(lines)
    body = [Line(ln.number, ln.text.strip()) for ln in layout.lines]
    symbol, title, date, session, agenda_item = _read_header(body)
    sections = _find_sections(body, path)
    drafts = [_read_proposal(heading, section_lines, path) for heading, section_lines in sections]
    report_warnings = _attach_notes(drafts, sorted(layout.footnotes + md_notes), path)
    proposals = tuple(d.freeze() for d in drafts)
    warnings: list[str] = []
    for p in proposals:
        warnings.extend(p.warnings)
        for a in p.actions:
            warnings.extend(a.warnings)
    warnings.extend(report_warnings)
    return Report(symbol, title, date, session, agenda_item, proposals, tuple(warnings), path)


def _read_header(body: list[Line]) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    """Symbol, title, issue date, session and agenda item from the report's first page."""
    head = [ln.text for ln in body[:80] if ln.text]
    cut = next((i for i, t in enumerate(head) if re.match(r"^Report of the\b", t)), None)
    if cut is None:
        return None, None, None, None, None
    head = head[:cut]
    symbol = head[0] if head and re.match(r"^[A-Z]/\d+/\d+(?:/[\w.]+)*$", head[0]) else None
    joined = " ".join(head)
    distr = joined.find("Distr.")
    date = iso_date(joined[distr:] if distr >= 0 else joined)
    m = re.search(r"\b([A-Z][a-z]+(?:-[a-z]+)?) (?:special )?session\b", joined)
    number = ordinal_number(m.group(1)) if m else None
    session = str(number) if number else None
    m = re.search(r"\b[Aa]genda items? (\d+(?: ?\([a-z]+\))?)", joined)
    agenda_item = m.group(1) if m else None
    item = next((i for i, t in enumerate(head) if re.match(r"^(?:Provisional )?[Aa]genda items?\b", t)), None)
    title = None
    if item is not None and head[item + 1 :]:
        title = _repair(" ".join(head[item + 1 :]))
    return symbol, title, date, session, agenda_item


def _repair(text: str) -> str:
    # wordfreq is costly to load; titles are few, so repairing them is worth it ("pea ce" → "peace").
    from corpus.words import repair_words

    return repair_words(norm_space(text))


def _find_sections(body: list[Line], path: str) -> list[tuple[re.Match[str], list[Line]]]:
    """Cut the proposals section at each proposal heading: (heading match, the lines up to the next one)."""
    start = next((i for i, ln in enumerate(body) if _SECTION_START.match(ln.text)), None)
    if start is None:
        start = next((i for i, ln in enumerate(body) if _HEADING.match(ln.text)), None)
    if start is None:
        first = next((ln for ln in body if ln.text), None)
        raise ParseError(
            'holds no proposal of a committee report. Cause: no heading such as "A. Draft resolution '
            'A/C.1/77/L.9" or "II. Consideration of draft resolution A/C.1/77/L.9" was found. '
            "To fix: give the text of a Main Committee report (e.g. A/77/387)",
            path,
            first.number if first else None,
        )
    end = next((i for i in range(start + 1, len(body)) if _SECTION_END.match(body[i].text)), len(body))
    sections: list[tuple[re.Match[str], list[Line]]] = []
    for ln in body[start:end]:
        m = _HEADING.match(ln.text)
        if m:
            sections.append((m, [ln]))
        elif sections:
            sections[-1][1].append(ln)
    if not sections:
        raise ParseError(
            'has a proposals section but no proposal heading in it. Cause: a heading such as "A. Draft '
            'resolution A/C.1/77/L.9" is missing or laid out differently. To fix: check the text',
            path,
            body[start].number,
        )
    return sections


# --------------------------------------------------------------------------------------------------
# One proposal


@dataclass
class _Prose:
    """The prose of a proposal joined into one string, with a map from offsets back to line numbers."""

    text: str
    starts: list[int]
    numbers: list[int]

    @classmethod
    def of(cls, lines: list[Line]) -> _Prose:
        parts: list[str] = []
        starts: list[int] = []
        numbers: list[int] = []
        pos = 0
        for ln in lines:
            starts.append(pos)
            numbers.append(ln.number)
            parts.append(ln.text)
            pos += len(ln.text) + 1
        return cls(" ".join(parts), starts, numbers)

    def line_at(self, offset: int) -> int:
        if not self.numbers:
            return 0
        return self.numbers[max(0, bisect.bisect_right(self.starts, offset) - 1)]


@dataclass
class _Block:
    """One voting list as printed: its heading's kind, its lines."""

    kind: str
    line: int
    lines: list[Line] = field(default_factory=list)
    used: bool = False


@dataclass
class _Draft:
    """A proposal being read (mutable), frozen into a `Proposal` at the end."""

    symbol: str
    kind: str
    line: int
    path: str
    prose: _Prose
    leftovers: list[Line]
    title: str | None = None
    submitters: tuple[str, ...] = ()
    sponsors: tuple[str, ...] = ()
    joined: tuple[str, ...] = ()
    recommended_as: str | None = None
    actions: list[Action] = field(default_factory=list)
    anchors: list[tuple[int, str | None]] = field(default_factory=list)  # (offset, target) for notes
    notes: list[Note] = field(default_factory=list)
    oral_revision: bool = False
    last_line: int = 0
    warnings: list[str] = field(default_factory=list)

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"{self.path}:{line}: {self.symbol}: {message}")

    def freeze(self) -> Proposal:
        return Proposal(
            symbol=self.symbol,
            kind=self.kind,
            title=self.title,
            submitted_by=", ".join(self.submitters) or None,
            sponsors=self.sponsors,
            joined=self.joined,
            recommended_as=self.recommended_as,
            actions=tuple(self.actions),
            notes=tuple(self.notes),
            oral_revision=self.oral_revision,
            line=self.line,
            submitters=self.submitters,
            warnings=tuple(self.warnings),
        )


def _read_proposal(heading: re.Match[str], lines: list[Line], path: str) -> _Draft:
    prose_lines, blocks, leftovers = _split_lines(lines[1:])
    draft = _Draft(
        symbol=heading.group("symbol"),
        kind=norm_space(heading.group("kind")).lower(),
        line=lines[0].number,
        path=path,
        prose=_Prose.of(prose_lines),
        leftovers=leftovers,
        last_line=lines[-1].number,
    )
    _read_sponsors(draft)
    _read_actions(draft, blocks)
    draft.oral_revision = bool(_ORAL_REVISION.search(draft.prose.text))
    for block in blocks:
        if not block.used:
            draft.warn(block.line, f"a voting list ({block.kind}) follows no recorded vote; it was not read")
    if not draft.actions:
        draft.warn(draft.line, 'no decision found (no "without a vote" nor "by a recorded vote of")')
    return draft


def _is_leftover(text: str) -> bool:
    """A line that is page furniture or footnote text left in the body, never part of prose or a list."""
    # Leftovers of page furniture and footnotes that `strip_layout` may leave in the body.
    if is_furniture(text) or _FOOTNOTE_OPENING.match(text) or _INTENTION_HINT.search(text):
        return True
    # A line made only of document symbols ("A/C.1/77/PV.28, A/C.1/77/PV.29 and A/C.1/77/PV.32.") is the
    # tail of a footnote listing meeting records; no State name holds a slash.
    rest, found = _ANY_SYMBOL.subn("", text)
    return found >= 2 and not re.sub(r"(?:,|\.|\band\b|\s)+", "", rest)


def _split_lines(lines: list[Line]) -> tuple[list[Line], list[_Block], list[Line]]:
    """Separate a proposal's lines into prose, voting lists and leftovers of furniture and footnotes."""
    prose: list[Line] = []
    blocks: list[_Block] = []
    leftovers: list[Line] = []
    block: _Block | None = None
    continuing_footnote = False
    for ln in lines:
        t = ln.text
        if not t:
            continue
        if continuing_footnote or _is_leftover(t):
            # A footnote's sentence may run over two lines ("…intended to vote in" / "favour.").
            opens = bool(_INTENTION_HINT.search(t)) or continuing_footnote
            continuing_footnote = opens and not t.endswith(".")
            leftovers.append(ln)
            continue
        heading = _LIST_HEADING.match(t)
        if heading:
            block = _Block(_LIST_KIND[heading.group(1).lower()], ln.number)
            blocks.append(block)
            rest = _MARKER_END.sub("", heading.group(2)).strip()
            if rest and not rest.isdigit():
                block.lines.append(Line(ln.number, rest))
                if rest.endswith("."):
                    block = None
            continue
        if block is not None:
            if _NEW_ITEM.match(t) or _PROSE_WORD.search(t) or _HEADING.match(t):
                block = None
            else:
                # A marker after a name ("Zimbabwe. 3") is no part of the list: no State name ends in digits.
                t = _MARKER_END.sub("", t)
                block.lines.append(Line(ln.number, t))
                if t.endswith("."):
                    block = None
                continue
        if re.fullmatch(r"\d{1,3}\.|[A-Z]\.", t):
            continue  # paragraph numbers and section letters printed on their own line
        # "10. At its 31st meeting": a paragraph number, when it opens a line after a finished sentence.
        if re.match(r"^\d{1,3}\.\s+", t) and (not prose or _SENTENCE_END.search(prose[-1].text)):
            t = re.sub(r"^\d{1,3}\.\s+", "", t)
        prose.append(Line(ln.number, t))
    return prose, blocks, leftovers


def _read_sponsors(draft: _Draft) -> None:
    text = draft.prose.text
    m = _SUBMITTED.search(text)
    if m:
        line = draft.prose.line_at(m.start())
        if m.group("chair"):
            draft.submitters = ("Chair",)
        else:
            draft.submitters = tuple(_states(draft, m.group("by"), line, "submitter"))
        if m.group("behalf"):
            draft.sponsors = tuple(_sponsor_list(draft, m.group("behalf"), line))
        elif not m.group("chair"):
            draft.sponsors = draft.submitters
    else:
        draft.warn(draft.line, "the sentence naming who submitted the proposal was not found")
    t = _TITLE.search(text)
    if t:
        draft.title = _repair(t.group("title"))
    joined: list[str] = []
    for j in _JOINED.finditer(text):
        joined.extend(_states(draft, j.group("joined"), draft.prose.line_at(j.start()), "joined sponsors"))
    draft.joined = tuple(dict.fromkeys(joined))


def _states(draft: _Draft, text: str, line: int, what: str) -> list[str]:
    states: list[str] = []
    for name, known in _split_names(text):
        if known:
            states.append(name)
        else:
            draft.warn(line, f"unknown State name {name!r} in {what}")
    return states


def _split_names(text: str) -> list[tuple[str, bool]]:
    """Names of a prose list in printed order, each with whether it is a known State.

    `split_state_list` keeps "Peru and Atlantis" whole when one side is unknown; prose lists end in
    "A and B", so the known side is kept and only the other is reported.

    >>> _split_names("Chile, Peru and Atlantis")
    [('Chile', True), ('Peru', True), ('Atlantis', False)]
    """
    states, unknown = split_state_list(text)
    if not unknown:
        return [(state, True) for state in states]
    out: list[tuple[str, bool]] = []
    fragments = [norm_space(f).strip(" .;:") for f in text.split(",")]
    for fragment in fragments:
        if not fragment:
            continue
        states, unknown = split_state_list(fragment)
        if not unknown:
            out.extend((state, True) for state in states)
            continue
        pieces = re.split(r"\s+and\s+", re.sub(r"^and\s+", "", fragment))
        # "Trinidad and Tobago": rejoin pieces that only make a State together.
        i = 0
        while i < len(pieces):
            for j in range(len(pieces), i, -1):
                state = canonical_state(" and ".join(pieces[i:j]))
                if state:
                    out.append((state, True))
                    i = j
                    break
            else:
                out.append((pieces[i], False))
                i += 1
    return out


def _sponsor_list(draft: _Draft, text: str, line: int) -> list[str]:
    """States on whose behalf a draft was submitted; a group named as a whole stays one sponsor."""
    sponsors: list[str] = []
    for part in _AS_WELL_AS.split(text):
        part = norm_space(part).strip(" ,")
        if not part:
            continue
        if "," not in part and _GROUP.search(part) and not canonical_state(part):
            sponsors.append(re.sub(r"^the\s+", "", part))
            continue
        for name, known in _split_names(part):
            if known:
                sponsors.append(name)
            elif _GROUP.search(name):
                sponsors.append(re.sub(r"^the\s+", "", name))
            else:
                draft.warn(line, f"unknown State name {name!r} in sponsors")
    return list(dict.fromkeys(sponsors))


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: from the last boundary before it to the next after it."""
    begin = 0
    for b in _BOUNDARY.finditer(text, 0, start):
        begin = b.end()
    nxt = _BOUNDARY.search(text, end)
    return begin, (nxt.start() + 1 if nxt else len(text))


@dataclass
class _Decision:
    """A decision sentence being read: what it acted on, how it went, and its tally match."""

    match: re.Match[str]
    offset: int
    line: int
    outcome: str
    negative: bool
    target: str = "whole"
    words: str | None = None
    amends: str | None = None
    proposed_by: str | None = None
    amendment_text: str | None = None


def _read_actions(draft: _Draft, blocks: list[_Block]) -> None:
    text = draft.prose.text
    found = sorted([*_TALLY.finditer(text), *_NO_VOTE.finditer(text)], key=lambda m: m.start())
    for lead in _LEAD_IN.finditer(text):
        draft.anchors.append((lead.start(), None))
    decisions: list[_Decision] = []
    for m in found:
        begin, end = _sentence_bounds(text, m.start(), m.end())
        subject = re.sub(r"^\(?[a-z]{1,3}\)\s+", "", text[begin : m.start()])
        sentence = text[begin:end]
        line = draft.prose.line_at(begin)
        outcome, negative = _outcome(subject, text[m.end() : end])
        if outcome is None:
            draft.warn(line, f"a vote sentence without an outcome was skipped: {norm_space(sentence)[:80]!r}")
            continue
        decision = _Decision(m, begin, line, outcome, negative)
        _read_target(decision, subject, text[:begin], draft, after=text[m.end() : end])
        see = _SEE.search(sentence)
        if see and decision.target == "whole" and outcome == "adopted":
            kind = (see.group("kind") or draft.kind.split()[-1]).lower()
            draft.recommended_as = f"Draft {kind} {see.group('num')}" if see.group("num") else f"Draft {kind}"
        draft.anchors.append((begin, decision.target))
        decisions.append(decision)
    # Each recorded vote takes the lists printed between its sentence and the next decision sentence.
    for i, decision in enumerate(decisions):
        hi = decisions[i + 1].line if i + 1 < len(decisions) else draft.last_line + 1
        mine = [b for b in blocks if decision.line <= b.line < hi and not b.used]
        draft.actions.append(_make_action(draft, decision, mine))
    draft.anchors.sort(key=lambda x: x[0])


def _outcome(subject: str, after: str) -> tuple[str | None, bool]:
    """The outcome word nearest before the tally ("was retained by a recorded vote"), else the first after."""
    verbs = list(_OUTCOME.finditer(subject))
    m = verbs[-1] if verbs else _OUTCOME.search(after)
    if m is None:
        return None, False
    word = _OUTCOME_WORD[m.group("verb").lower()]
    if m.group("neg"):
        word = "deleted" if word == "retained" else "rejected"
    return word, word in _NEGATIVE


def _read_target(
    decision: _Decision, subject: str, before: str, draft: _Draft, after: str | None = None
) -> None:
    """What a decision sentence acted on: the whole, paragraphs, words in a paragraph, or an amendment.

    The target is named before the tally ("The fifth preambular paragraph was retained by a recorded vote
    of …"), or after it when nothing before does ("By a recorded vote of …, the Committee retained the
    fifth preambular paragraph"): ``after`` is the rest of the sentence.
    """
    names_draft = _NAMES_DRAFT.search(subject) or re.search(_DOC_SYMBOL, subject)
    if after and not names_draft and not _names_target(subject) and _names_target(after):
        _read_target(decision, after, before + " " + subject, draft)
        return
    if re.search(r"\bas\s+a\s+whole\b", subject, re.I):
        decision.target = "whole"
        return
    if _AMENDMENT.search(subject) and not _AS_AMENDED.search(subject):
        decision.target = "amendment"
        # The amendment is described in an earlier sentence ("an oral amendment to operative paragraph 5
        # … was proposed by the delegation of …, to add the words …") or in the decision itself.
        context = before + " " + subject
        direct = _AMENDMENT_TO.search(subject)
        earlier = list(_AMENDMENT_TO.finditer(before))
        if direct:
            decision.amends = _paragraph_ids(direct.group("para"))
        if decision.amends is None and earlier:
            decision.amends = _paragraph_ids(earlier[-1].group("para"))
        by = list(_AMENDMENT_BY.finditer(context))
        decision.proposed_by = canonical_state(by[-1].group("by")) if by else None
        what = list(_AMENDMENT_WHAT.finditer(context))
        decision.amendment_text = norm_space(what[-1].group(1)) if what else None
        return
    words = _WORDS.search(subject)
    if words:
        pid = _paragraph_ids(words.group("rest"))
        if pid:
            decision.target, decision.words = pid, norm_space(words.group("words"))
            return
    pid = _paragraph_ids(subject)
    if pid:
        decision.target = pid
        return
    decision.target = "whole"
    if not names_draft:
        draft.warn(decision.line, "the target of a decision was not recognised; taken as the whole")


def _names_target(text: str) -> bool:
    """Whether ``text`` names what a decision acted on: the whole, an amendment, or paragraphs."""
    return bool(
        re.search(r"\bas\s+a\s+whole\b", text, re.I)
        or (_AMENDMENT.search(text) and not _AS_AMENDED.search(text))
        or _paragraph_ids(text)
    )


def _paragraph_ids(text: str) -> str | None:
    """Paragraph ids named in ``text`` ("the fifth and sixth preambular paragraphs" → "pp5+pp6").

    >>> _paragraph_ids("The second preambular paragraph was retained")
    'pp2'
    >>> _paragraph_ids("operative paragraph 6 (b) of draft resolution")
    'op6_b'
    >>> _paragraph_ids("operative paragraphs 6 (b) (ii) and 7")
    'op6_b_ii+op7'
    """
    m = _PP_ORDINALS.search(text)
    if m:
        # Keep the run of ordinals next to "preambular": a word before it may be no ordinal at all.
        numbers: list[int] = []
        for word in reversed(re.split(r",\s*|\s+and\s+", m.group("ords"))):
            n = ordinal_number(word)
            if n is None:
                break
            numbers.insert(0, n)
        if numbers:
            return "+".join(f"pp{n}" for n in numbers)
    m = _PP_NUMBERS.search(text)
    if m:
        return "+".join(f"pp{n}" for n in re.findall(r"\d+", m.group("nums")))
    m = _OP.search(text)
    if m:
        ids = []
        for number, subs in re.findall(r"(\d+)((?:\s*\([a-z]{1,3}\)){0,2})", m.group("nums")):
            # "6 (b) (ii)": the item (ii) of item (b), as the structure parser names it ("op6_b_ii").
            labels = re.findall(r"[a-z]{1,3}", subs) or ([m.group("sub1")] if m.group("sub1") else [])
            ids.append("_".join([f"op{number}", *labels]))
        return "+".join(ids)
    return None


def _count(word: str) -> int:
    return 0 if word.lower() in ("none", "no") else int(word)


def _make_action(draft: _Draft, decision: _Decision, blocks: list[_Block]) -> Action:
    """The Action of one decision, its lists read from ``blocks`` and checked against its tally."""
    m, target, line = decision.match, decision.target, decision.line
    warnings: list[str] = []
    where = f"{draft.path}:{line}: {draft.symbol} {target}"
    common = {
        "line": line,
        "words": decision.words,
        "amends": decision.amends,
        "proposed_by": decision.proposed_by,
        "amendment_text": decision.amendment_text,
    }
    if m.re is _NO_VOTE:
        for b in blocks:
            b.used = True
            warnings.append(
                f"{draft.path}:{b.line}: {draft.symbol} {target}: a voting list follows a "
                "decision taken without a vote"
            )
        return _action(target, decision.outcome, WITHOUT_VOTE, None, None, None, None, warnings, common)
    first, second, abstain = _count(m.group("a")), _count(m.group("b")), _count(m.group("c") or "none")
    # UN reports put the winning side first: "rejected by a recorded vote of 57 to 30" is 57 against.
    yes, no = (second, first) if decision.negative else (first, second)
    if (m.group("rec") or "").strip().lower() != "recorded":
        return _action(target, decision.outcome, NON_RECORDED, yes, no, abstain, None, warnings, common)
    lists: dict[str, list[str]] = {}
    for b in blocks:
        b.used = True
        if b.kind in lists:
            warnings.append(
                f"{draft.path}:{b.line}: {draft.symbol} {target}: a second {b.kind!r} list; "
                "the first was kept"
            )
            continue
        states, unknown = split_state_list("\n".join(ln.text for ln in b.lines))
        for fragment in unknown:
            warnings.append(
                f"{draft.path}:{_fragment_line(b, fragment)}: {draft.symbol} {target}: unknown "
                f"State name {fragment!r} in the {b.kind!r} list"
            )
        lists[b.kind] = states
    for kind, count in ((IN_FAVOUR, yes), (AGAINST, no), (ABSTAIN, abstain)):
        if kind in lists:
            continue
        if count:
            warnings.append(f"{where}: no {kind!r} list was found after the recorded vote")
        else:
            lists[kind] = []  # nobody: a report may print no list for a count of none
    sizes = (len(lists.get(IN_FAVOUR, ())), len(lists.get(AGAINST, ())))
    if IN_FAVOUR in lists and AGAINST in lists and sizes != (yes, no) and sizes == (no, yes):
        # The lists' headings say who voted how; the sentence's order was the other one.
        yes, no = no, yes
    for kind, count in ((IN_FAVOUR, yes), (AGAINST, no), (ABSTAIN, abstain)):
        if kind in lists and len(lists[kind]) != count:
            warnings.append(f"{where}: the tally gives {count} {kind} but the list names {len(lists[kind])}")
    seen: dict[str, str] = {}
    for kind in (IN_FAVOUR, AGAINST, ABSTAIN):
        for name in lists.get(kind, ()):
            if name in seen:
                warnings.append(f"{where}: {name} is listed both {seen[name]!r} and {kind!r}")
            seen.setdefault(name, kind)
    return _action(target, decision.outcome, RECORDED, yes, no, abstain, lists, warnings, common)


def _action(
    target: str,
    outcome: str,
    method: str,
    yes: int | None,
    no: int | None,
    abstain: int | None,
    lists: dict[str, list[str]] | None,
    warnings: list[str],
    common: dict[str, Any],
) -> Action:
    def names(kind: str) -> tuple[str, ...] | None:
        return tuple(lists[kind]) if lists is not None and kind in lists else None

    return Action(
        target,
        outcome,
        method,
        yes,
        no,
        abstain,
        names(IN_FAVOUR),
        names(AGAINST),
        names(ABSTAIN),
        warnings=tuple(warnings),
        **common,
    )


def _fragment_line(block: _Block, fragment: str) -> int:
    probe = state_key(fragment)[:8]
    for ln in block.lines:
        if probe and probe in state_key(ln.text):
            return ln.number
    return block.line


# --------------------------------------------------------------------------------------------------
# Footnoted intentions


def _attach_notes(drafts: list[_Draft], footnotes: list[tuple[int, str, str]], path: str) -> list[str]:
    """Turn "had intended to vote …" footnotes into Notes on the proposal and vote that carry their marker."""
    warnings: list[str] = []
    candidates = [(ln, label, text) for ln, label, text in footnotes if _INTENTION.search(norm_space(text))]
    # Footnote text left in the body by the layout pass is read too, so that no intention is lost.
    for d in drafts:
        leftovers = _Prose.of(d.leftovers)
        for hit in _INTENTION.finditer(leftovers.text):
            # Its label line is not tied to it reliably, so the marker stays unknown ("?").
            candidates.append((leftovers.line_at(hit.start()), "?", leftovers.text[hit.start() :]))
    for line, label, text in candidates:
        m = _INTENTION.search(norm_space(text))
        if m is None or not drafts:
            continue
        draft = _draft_for(drafts, line, label)
        states = []
        for name, known in _split_names(m.group("states")):
            if known:
                states.append(name)
            else:
                warnings.append(f"{path}:{line}: unknown State name {name!r} in footnote {label}")
        how = m.group("how").lower()
        intended = (
            IN_FAVOUR
            if "favo" in how
            else AGAINST
            if "against" in how
            else ABSTAIN
            if "abstain" in how
            else "not vote"
        )
        target, found = _marker_target(draft, label)
        if not found and label == "?":
            warnings.append(
                f"{path}:{line}: {draft.symbol}: footnote text left in the body has no known "
                "marker; its note has no target"
            )
        elif not found:
            warnings.append(
                f"{path}:{line}: {draft.symbol}: the marker of footnote {label} was not found; "
                "its note has no target"
            )
        for state in states:
            note = Note(state, intended, target, line)
            if all((n.state, n.intended) != (state, intended) for n in draft.notes):
                draft.notes.append(note)
    return warnings


def _draft_for(drafts: list[_Draft], line: int, label: str) -> _Draft:
    for d in drafts:
        if d.line <= line <= d.last_line:
            return d
    with_marker = [d for d in drafts if _marker_target(d, label)[1]]
    before = [d for d in (with_marker or drafts) if d.line <= line]
    return before[-1] if before else (with_marker or drafts)[0]


def _marker_target(draft: _Draft, label: str) -> tuple[str | None, bool]:
    """The target of the vote whose sentence carries footnote marker ``label``; (None, False) if absent."""
    if not label.isdigit():
        return None, False
    # A marker follows a colon, a closing bracket or quote, or a sentence's full stop, never the dot of a
    # symbol ("A/C.1/77/L.2 as follows") nor "para. 7".
    pattern = re.compile(
        rf"(?:(?<=[:;”\")])|(?<=[:;”\")] )|(?<=[a-z)]\.)|(?<=[a-z)]\. ))"
        rf"(?<!para\. )(?<!paras\. ){label}(?=\s|$)"
    )
    m = pattern.search(draft.prose.text)
    if m is None:
        return None, False
    target: str | None = None
    for offset, anchor_target in draft.anchors:
        if offset <= m.start():
            target = anchor_target
    return target, True


# --------------------------------------------------------------------------------------------------
# Vote shifts


def _action_keys(actions: tuple[Action, ...]) -> list[tuple[str, Action]]:
    """Recorded votes on the text keyed by target ("op3 (words)" for words); repeats numbered "op5 (2)"."""
    keyed: list[tuple[str, Action]] = []
    seen: dict[str, int] = {}
    for a in actions:
        # A vote on an amendment asks another question than the text's own parts: voting against an
        # amendment and for the paragraph it would change is no shift.
        if a.method != RECORDED or a.target == "amendment":
            continue
        key = a.target
        if a.words:
            key = f"{a.target} (words)"
        seen[key] = seen.get(key, 0) + 1
        keyed.append((key if seen[key] == 1 else f"{key} ({seen[key]})", a))
    return keyed


def vote_shifts(proposal: Proposal) -> dict[str, dict[str, str]]:
    """The States whose vote differs between the recorded votes on one proposal.

    Returns ``{state: {vote key: vote}}``: the vote key is the action's target ("pp2", "op5", "whole";
    "op3 (words)" for a vote on words in a paragraph), in the order the votes were taken; the vote is
    "in favour", "against" or "abstain". Votes on amendments are left out (they put another question).
    Only votes the State took part in appear, and only States that cast at least two different votes are
    kept (being absent from a vote is not a shift). States come in the UN's alphabetical order.

    >>> a1 = Action("pp2", "retained", "recorded vote", 1, 1, 0, ("Chile",), ("India",), ())
    >>> a2 = Action("whole", "adopted", "recorded vote", 2, 0, 0, ("Chile", "India"), (), ())
    >>> p = Proposal("A/C.1/77/L.9", "draft resolution", None, None, (), (), None, (a1, a2), (), False, 1)
    >>> vote_shifts(p)
    {'India': {'pp2': 'against', 'whole': 'in favour'}}
    """
    votes: dict[str, dict[str, str]] = {}
    for key, action in _action_keys(proposal.actions):
        lists = ((IN_FAVOUR, action.in_favour), (AGAINST, action.against), (ABSTAIN, action.abstaining))
        for vote, names in lists:
            for name in names or ():
                votes.setdefault(name, {})[key] = vote
    order = {name: i for i, name in enumerate(MEMBER_STATES)}
    shifted = [name for name, v in votes.items() if len(set(v.values())) > 1]
    shifted.sort(key=lambda name: (order.get(name, len(order)), state_key(name)))
    return {name: votes[name] for name in shifted}


# --------------------------------------------------------------------------------------------------
# Output


def _action_to_dict(action: Action) -> dict[str, object]:
    out: dict[str, object] = {"target": action.target, "outcome": action.outcome, "method": action.method}
    # DESIGN.md: a decision taken without a vote has its counts and lists absent, not null.
    if action.method != WITHOUT_VOTE:
        out.update(yes=action.yes, no=action.no, abstain=action.abstain)
    if action.method == RECORDED:
        out.update(
            in_favour=list(action.in_favour) if action.in_favour is not None else None,
            against=list(action.against) if action.against is not None else None,
            abstaining=list(action.abstaining) if action.abstaining is not None else None,
        )
    out.update(
        words=action.words,
        amends=action.amends,
        proposed_by=action.proposed_by,
        amendment_text=action.amendment_text,
        line=action.line,
        warnings=list(action.warnings),
    )
    return out


def report_to_dict(report: Report) -> dict[str, object]:
    """The ``votes`` JSON shape of DESIGN.md, contract keys first and in order, textdiff's additions after.

    Actions taken without a vote carry no ``yes``/``no``/``abstain`` and no lists (the keys are absent).
    Added per action: ``words``, ``amends``, ``proposed_by``, ``amendment_text``, ``line``, ``warnings``; per
    note: ``line``; per proposal: ``submitters``, ``oral_revision``, ``shifts`` (see `vote_shifts`), ``line``,
    ``warnings``; at the top: the report's ``symbol``, ``title``, ``date``, ``session``, ``agenda_item`` and
    all ``warnings``.

    >>> r = Report("A/77/1", None, None, None, None, (Proposal("A/C.1/77/L.9", "draft decision", "T",
    ...     "Chile", ("Chile",), (), "Draft decision", (Action("whole", "adopted", "without a vote"),), (),
    ...     False, 5),))
    >>> d = report_to_dict(r)
    >>> list(d)[:2], d["proposals"][0]["actions"][0]["method"], "yes" in d["proposals"][0]["actions"][0]
    (['schema_version', 'proposals'], 'without a vote', False)
    """
    proposals = []
    for p in report.proposals:
        proposals.append(
            {
                "symbol": p.symbol,
                "kind": p.kind,
                "title": p.title,
                "submitted_by": p.submitted_by,
                "sponsors": list(p.sponsors),
                "joined": list(p.joined),
                "recommended_as": p.recommended_as,
                "actions": [_action_to_dict(a) for a in p.actions],
                "notes": [
                    {"state": n.state, "intended": n.intended, "target": n.target, "line": n.line}
                    for n in p.notes
                ],
                "submitters": list(p.submitters),
                "oral_revision": p.oral_revision,
                "shifts": vote_shifts(p),
                "line": p.line,
                "warnings": list(p.warnings),
            }
        )
    return {
        "schema_version": 1,
        "proposals": proposals,
        "symbol": report.symbol,
        "title": report.title,
        "date": report.date,
        "session": report.session,
        "agenda_item": report.agenda_item,
        "warnings": list(report.warnings),
    }


def format_tally(action: Action) -> str:
    """A tally as ``yes–no–abstain`` with en dashes, or the method when there are no counts.

    >>> format_tally(Action("pp2", "retained", "recorded vote", 103, 53, 8))
    '103–53–8'
    """
    if action.yes is None or action.no is None or action.abstain is None:
        return action.method
    return f"{action.yes}\u2013{action.no}\u2013{action.abstain}"


def format_report_text(report: Report) -> str:
    """A readable rendering of a report's proposals, votes, notes, vote shifts and warnings.

    >>> r = Report("A/77/1", "Title", "2022-11-09", "77", "94", (Proposal("A/C.1/77/L.9",
    ...     "draft resolution", "Peace", "Chile", ("Chile",), (), "Draft resolution",
    ...     (Action("pp2", "retained", "recorded vote", 103, 53, 8),), (), False, 5),))
    >>> print(format_report_text(r))
    A/77/1: Title
    Session 77, agenda item 94, 2022-11-09
    <BLANKLINE>
    A/C.1/77/L.9 (draft resolution) → Draft resolution
      Peace
      Submitted by: Chile
      Sponsors (1): Chile
      Actions:
        pp2  retained  recorded vote  103–53–8
    """
    out: list[str] = []
    head = ": ".join(x for x in (report.symbol, report.title) if x)
    if head:
        out.append(head)
    facts = [
        f"Session {report.session}" if report.session else "",
        f"agenda item {report.agenda_item}" if report.agenda_item else "",
        report.date or "",
    ]
    if any(facts):
        out.append(", ".join(f for f in facts if f))
    for p in report.proposals:
        out.append("")
        out.append(f"{p.symbol} ({p.kind})" + (f" → {p.recommended_as}" if p.recommended_as else ""))
        if p.title:
            out.append(f"  {p.title}")
        if p.submitted_by:
            out.append(f"  Submitted by: {p.submitted_by}")
        if p.sponsors:
            out.append(f"  Sponsors ({len(p.sponsors)}): {', '.join(p.sponsors)}")
        if p.joined:
            out.append(f"  Joined ({len(p.joined)}): {', '.join(p.joined)}")
        if p.oral_revision:
            out.append("  Orally revised")
        if p.actions:
            out.append("  Actions:")
            width = max(len(a.target) for a in p.actions)
            for a in p.actions:
                row = f"    {a.target:<{width}}  {a.outcome:<8}  {a.method}"
                if a.method != WITHOUT_VOTE:
                    row += f"  {format_tally(a)}"
                if a.words:
                    row += f"  (words: “{a.words}”)"
                if a.amends:
                    by = f", proposed by {a.proposed_by}" if a.proposed_by else ""
                    row += f"  (amends {a.amends}{by})"
                out.append(row)
        if p.notes:
            out.append("  Notes:")
            for n in p.notes:
                verb = {
                    IN_FAVOUR: "vote in favour",
                    AGAINST: "vote against",
                    ABSTAIN: "abstain",
                    "not vote": "take no part in the vote",
                }.get(n.intended, n.intended)
                out.append(f"    {n.state} intended to {verb} ({n.target or 'not tied to one vote'})")
        shifts = vote_shifts(p)
        if shifts:
            out.append("  Vote shifts:")
            for state, votes in shifts.items():
                out.append(f"    {state}: " + ", ".join(f"{k} {v}" for k, v in votes.items()))
    if report.warnings:
        out.append("")
        out.append(f"Warnings ({len(report.warnings)}):")
        out.extend(f"  {w}" for w in report.warnings)
    return "\n".join(out).lstrip("\n")
