"""Public home of textdiff's exceptions (defined in the lowest layer, `corpus.errors`, so every layer
can raise them)."""

from corpus.errors import InputError, MissingExtraError, ParseError, RenderError, TextdiffError

__all__ = ["InputError", "MissingExtraError", "ParseError", "RenderError", "TextdiffError"]
