"""The exceptions textdiff raises; the command line turns each into one line on stderr and exit code 2.

They live in the lowest layer (`corpus`) so that every package can raise them; `textdiff.errors` re-exports
them as the public home.
"""

from __future__ import annotations

__all__ = ["InputError", "MissingExtraError", "ParseError", "RenderError", "TextdiffError"]


class TextdiffError(Exception):
    """Base class of every error textdiff raises on purpose."""


class InputError(TextdiffError):
    """The input cannot be read: missing, unreadable, wrong type, too large or hostile."""

    def __init__(self, message: str, path: str | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class ParseError(InputError):
    """The input was read but its structure is not that of a UN document (carries the place)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.line = line
        where = f"{path}:{line}" if path and line else path
        InputError.__init__(self, message, where)
        self.path = path


class RenderError(TextdiffError):
    """An output could not be produced from a valid comparison."""


class MissingExtraError(TextdiffError, ImportError):
    """An optional dependency is needed for this input or output format."""

    def __init__(self, what: str, extra: str) -> None:
        super().__init__(f"{what} needs: pip install 'textdiff[{extra}]'")
