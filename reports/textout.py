"""Plain-text rendering of a comparison for the terminal: wdiff-style ``[-deleted-]{+inserted+}`` marks."""

from __future__ import annotations

from textdiff.compare import Comparison, Entry

__all__ = ["render_text"]


def _mark(entry: Entry) -> str:
    out = []
    for e in entry.diff:
        if e.op == "equal":
            out.append(e.text)
        elif e.op == "delete":
            out.append(f"[-{e.text}-]")
        else:
            out.append(f"{{+{e.text}+}}")
    return "".join(out)


def _ids(entry: Entry) -> str:
    old = entry.old.id if entry.old else "—"
    new = entry.new.id if entry.new else "—"
    return f"{old} → {new}"


def render_text(comparison: Comparison, context: bool = False) -> str:
    """Summary line, then every changed entry with its marked-up text and change classes.

    ``context`` also prints unchanged paragraphs.
    """
    s = comparison.summary
    lines = [
        f"{comparison.old.name} → {comparison.new.name}",
        "  ".join(f"{k}: {v}" for k, v in s.items()),
        "",
    ]
    for entry in comparison.entries:
        if not entry.changed and not context:
            continue
        flag = " (moved)" if entry.moved else ""
        lines.append(f"{_ids(entry)}  {entry.relation}{flag}")
        lines.append(f"  {_mark(entry)}")
        for c in entry.changes:
            if c.cls != "formatting":
                lines.append(f"  · {c.cls}: {c.text}")
        for v in entry.votes:
            lines.append(
                f"  · separate vote: {v.get('outcome')} {v.get('yes')}–{v.get('no')}–{v.get('abstain')}"
            )
        lines.append("")
    return "\n".join(lines)
