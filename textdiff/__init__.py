"""textdiff: the drafting history of United Nations resolutions.

The public API: `compare` two versions of a resolution (aligned paragraphs, word diffs, classified
changes), `trace_history` over a chain of versions, and the word diff `diff_words`. Documents come from
`corpus.load`.
"""

from corpus.errors import InputError, MissingExtraError, ParseError, RenderError, TextdiffError
from textdiff.classify import Change
from textdiff.compare import Comparison, Entry, compare
from textdiff.history import History, Segment, trace_history
from textdiff.words import Edit, diff_words

__all__ = [
    "Change",
    "Comparison",
    "Edit",
    "Entry",
    "History",
    "InputError",
    "MissingExtraError",
    "ParseError",
    "RenderError",
    "Segment",
    "TextdiffError",
    "compare",
    "diff_words",
    "trace_history",
]
