"""The document model: frozen dataclasses for documents, paragraphs, sub-paragraphs and footnotes.

Ids follow the contract in DESIGN.md: ``pp1``… in order after the enacting formula, ``op<N>`` from the printed
number, sub-paragraphs as parent id + ``_`` + printed label without brackets or final dot (``op6_a``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Document",
    "Footnote",
    "FootnoteRef",
    "Paragraph",
    "Subparagraph",
    "Unplaced",
    "PREAMBULAR",
    "OPERATIVE",
]

PREAMBULAR = "preambular"
OPERATIVE = "operative"


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote marker taken out of a paragraph's text.

    ``offset`` is the position in the paragraph's ``text`` where the marker stood, so a renderer can put it
    back as a superscript without it ever taking part in a comparison.
    """

    label: str
    offset: int


@dataclass(frozen=True)
class Footnote:
    """The text of one footnote, as printed under the separator line."""

    label: str
    text: str


@dataclass(frozen=True)
class Subparagraph:
    """An item "(a)", "(i)" or "1.1" of a paragraph."""

    id: str
    label: str
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A preambular or operative paragraph.

    ``text`` is the whole paragraph as repaired (page furniture gone, lines and split words joined, footnote
    markers removed), without its number, sub-paragraphs included with their labels. ``source_text`` is the
    same span as extracted, before word repair, for display and audit.
    """

    id: str
    kind: str
    number: int
    lead: str | None
    text: str
    subparagraphs: tuple[Subparagraph, ...] = ()
    footnote_refs: tuple[FootnoteRef, ...] = ()
    heading: str | None = None
    source_text: str = ""
    line: int = 0

    @property
    def label(self) -> str:
        """The paragraph as a reader names it: "PP3", "OP7"."""
        return self.id.upper()


@dataclass(frozen=True)
class Unplaced:
    """A piece of the input the parser could not place; reported, never silently dropped."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Document:
    """One resolution, draft resolution or draft decision.

    ``symbol``, ``title`` and ``date`` are ``None`` when the text does not give them. ``date`` is ISO: the
    adoption date of a resolution, the issue date otherwise. ``label`` is the heading a committee report gives
    the text ("Draft resolution II"); ``position`` its 1-based place in the file (``PATH#N``).
    """

    symbol: str | None
    title: str | None
    date: str | None
    organ: str | None
    kind: str
    paragraphs: tuple[Paragraph, ...]
    session: str | None = None
    agenda_item: str | None = None
    formula: str | None = None
    footnotes: tuple[Footnote, ...] = ()
    closing: str | None = None
    label: str | None = None
    source: str | None = None
    position: int = 1
    unplaced: tuple[Unplaced, ...] = field(default=(), compare=False)

    @property
    def preambular(self) -> tuple[Paragraph, ...]:
        """The preambular paragraphs, in order."""
        return tuple(p for p in self.paragraphs if p.kind == PREAMBULAR)

    @property
    def operative(self) -> tuple[Paragraph, ...]:
        """The operative paragraphs, in order."""
        return tuple(p for p in self.paragraphs if p.kind == OPERATIVE)

    @property
    def name(self) -> str:
        """A short human name: the symbol, else the report label, else the file name and position."""
        if self.symbol:
            return self.symbol
        base = (self.source or "document").rsplit("/", 1)[-1]
        if self.label:
            return f"{base} {self.label}"
        return base if self.position == 1 else f"{base}#{self.position}"

    def paragraph(self, pid: str) -> Paragraph:
        """The paragraph with id ``pid``; ``KeyError`` if there is none."""
        for p in self.paragraphs:
            if p.id == pid:
                return p
        raise KeyError(pid)
