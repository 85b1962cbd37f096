"""The NLP layer of textdiff: lead strength, hedges, agreed formulas and references tagged with a blank spaCy
pipeline, annotators for `textdiff.compare`, and recurring-phrase discovery.

Importing ``nlp`` costs nothing: each name below is imported from its module on first use, and only
`make_nlp` (and what tags text with it) imports spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "Lineage",
    "Phrase",
    "ancestors",
    "compare_leads",
    "discover_phrases",
    "highlight_spans",
    "lead_strength",
    "make_annotators",
    "make_nlp",
    "phrases_to_dict",
    "tag_document",
    "trace_phrase",
]

_HOME = {
    "Lineage": "nlp.lineage",
    "Phrase": "nlp.phrases",
    "ancestors": "nlp.lineage",
    "trace_phrase": "nlp.lineage",
    "compare_leads": "nlp.verbs",
    "discover_phrases": "nlp.phrases",
    "highlight_spans": "nlp.annotate",
    "lead_strength": "nlp.verbs",
    "make_annotators": "nlp.annotate",
    "make_nlp": "nlp.pipeline",
    "phrases_to_dict": "nlp.phrases",
    "tag_document": "nlp.phrases",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'nlp' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
