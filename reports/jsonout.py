"""JSON renderings of textdiff's results (DESIGN.md shapes; keys in stable order; UTF-8, no ASCII escapes)."""

from __future__ import annotations

from typing import Any

from corpus.serialize import dump_json

__all__ = ["render_json"]


def render_json(result: Any) -> str:
    """Render a Comparison, History, Report or any object with ``to_dict()`` as contract JSON.

    >>> render_json({"schema_version": 1})
    '{\\n  "schema_version": 1\\n}\\n'
    """
    to_dict = getattr(result, "to_dict", None)
    return dump_json(to_dict() if callable(to_dict) else result)
