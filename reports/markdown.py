"""GitHub-flavoured Markdown rendering of a comparison: a summary table, then each changed paragraph with
``<del>``/``<ins>`` marks (GitHub keeps them; they read as strike-through and underline without colour).
"""

from __future__ import annotations

import html
import re

from textdiff.compare import Comparison, Entry

__all__ = ["render_markdown"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def _escape(text: str) -> str:
    """Escape text so Markdown and inline HTML never interpret it."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _body(entry: Entry) -> str:
    out = []
    for e in entry.diff:
        t = _escape(e.text)
        if e.op == "equal":
            out.append(t)
        elif e.op == "delete":
            out.append(f"<del>{t}</del>")
        else:
            out.append(f"<ins>{t}</ins>")
    return "".join(out)


def _heading(entry: Entry) -> str:
    old = entry.old.id.upper() if entry.old else "—"
    new = entry.new.id.upper() if entry.new else "—"
    moved = ", moved" if entry.moved else ""
    return f"### {old} → {new} ({entry.relation}{moved})"


def render_markdown(comparison: Comparison) -> str:
    """Render a comparison as Markdown.

    >>> from corpus.loaders.text import load_text
    >>> from textdiff.compare import compare
    >>> a = load_text("The General Assembly,\\n\\n1. Decides to act.", "a")[0]
    >>> b = load_text("The General Assembly,\\n\\n1. Decides to act *now*.", "b")[0]
    >>> "\\\\*now\\\\*</ins>" in render_markdown(compare(a, b))
    True
    """
    old, new = comparison.old, comparison.new
    lines = [f"# {_escape(old.name)} → {_escape(new.name)}", ""]
    if new.title:
        lines += [f"*{_escape(new.title)}*", ""]
    s = comparison.summary
    lines += [
        "| unchanged | modified | inserted | deleted | moved | split | merged |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        "| "
        + " | ".join(
            str(s[k]) for k in ("unchanged", "modified", "inserted", "deleted", "moved", "split", "merged")
        )
        + " |",
        "",
    ]
    counts = comparison.change_counts
    if counts:
        lines += ["Changes by class: " + ", ".join(f"{k} {v}" for k, v in counts.items()), ""]
    contested = [e for e in comparison.entries if e.votes]
    if contested:
        lines += ["## Contested paragraphs", ""]
        for e in contested:
            for v in e.votes:
                tally = f"{v.get('yes')}–{v.get('no')}–{v.get('abstain')}" if v.get("yes") is not None else ""
                lines.append(
                    f"- **{e.new.id.upper() if e.new else ''}** {v.get('outcome', '')} {tally}".rstrip()
                )
        lines.append("")
    lines += ["## Paragraphs", ""]
    for entry in comparison.entries:
        lines.append(_heading(entry))
        lines.append("")
        lines.append(_body(entry) if entry.changed else _escape(entry.new.text if entry.new else ""))
        notes = [c for c in entry.changes if c.cls != "formatting"]
        if notes:
            lines.append("")
            for c in notes:
                lines.append(f"- *{c.cls}*: {_escape(c.text)}")
        lines.append("")
    return "\n".join(lines)
