"""Self-contained annotated HTML: the comparison a diplomat or monitor opens (inline CSS and JS, no external
request, prints well, works on a phone, readable without colour). Built with lxml, so every piece of
document text is escaped: text is never interpreted as markup.

Steps: page skeleton (head, toolbar, summary) → one ``<article>`` per alignment entry with both views
(inline redline, side by side) → lead, tagged phrases and change runs painted over each run of text →
separate votes with tallies and who voted how → serialise with a fixed doctype (byte-identical output).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from lxml import html
from lxml.builder import ElementMaker

from textdiff.compare import Comparison, Entry

__all__ = [
    "ProposalView",
    "Span",
    "comparison_section",
    "page",
    "render_history_html",
    "render_html",
    "render_report_html",
    "render_text_runs",
]

E = ElementMaker(makeelement=html.html_parser.makeelement)

# Characters XML (and so lxml) cannot hold: replaced, never passed through.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Span:
    """A span of a paragraph's text to paint: ``kind`` "lead" or "phrase" (``label`` names the phrase)."""

    start: int
    end: int
    kind: str
    label: str = ""


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _static(name: str) -> str:
    return resources.files("reports").joinpath("static", name).read_text(encoding="utf-8")


def page(title: str, *children: Any, lang: str = "en") -> str:
    """A complete HTML page with the report's inline CSS and JS around ``children``."""
    root = E.html(
        {"lang": lang},
        E.head(
            E.meta(charset="utf-8"),
            E.meta(name="viewport", content="width=device-width, initial-scale=1"),
            E.meta(name="generator", content="textdiff"),
            E.title(_clean(title)),
            E.style(_static("report.css")),
        ),
        E.body(
            {"class": "view-inline"},
            E.a({"class": "skip", "href": "#paragraphs"}, "Skip to the paragraphs"),
            *children,
            E.script(_static("report.js")),
        ),
    )
    return html.tostring(root, doctype="<!DOCTYPE html>", encoding="unicode", method="html") + "\n"


def render_text_runs(runs: Sequence[tuple[str, str]], spans: Mapping[str, Sequence[Span]]) -> list[Any]:
    """Render diff runs (``(op, text)``) as children: ``<ins>``/``<del>`` around insertions and deletions,
    with the lead and tagged phrases of each side painted inside them.

    ``spans`` maps "old" and "new" to spans in the coordinates of that side's text.

    >>> parts = render_text_runs([("delete", "Encourages"), ("insert", "Calls upon"), ("equal", " States")],
    ...                          {"new": [Span(0, 10, "lead")], "old": [Span(0, 10, "lead")]})
    >>> "".join(html.tostring(p, encoding="unicode") if not isinstance(p, str) else p for p in parts)
    '<del><span class="lead">Encourages</span></del><ins><span class="lead">Calls upon</span></ins> States'
    """
    out: list[Any] = []
    pos = {"old": 0, "new": 0}
    for op, text in runs:
        side = "old" if op == "delete" else "new"
        start = pos[side]
        pieces = _paint(text, start, spans.get(side, ()))
        if op == "equal":
            pos["old"] += len(text)
            pos["new"] += len(text)
            out.extend(pieces)
        else:
            pos[side] += len(text)
            out.append(E("del" if op == "delete" else "ins", *pieces))
    return _merge_strings(out)


def _paint(text: str, offset: int, spans: Iterable[Span]) -> list[Any]:
    """Split ``text`` (at ``offset`` in its paragraph) at span boundaries and wrap the covered pieces."""
    end = offset + len(text)
    relevant = [s for s in spans if s.start < end and s.end > offset and s.end > s.start]
    if not relevant:
        return [_clean(text)]
    cuts = sorted(
        {offset, end, *(max(offset, s.start) for s in relevant), *(min(end, s.end) for s in relevant)}
    )
    out: list[Any] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece: Any = _clean(text[a - offset : b - offset])
        covering = [s for s in relevant if s.start <= a and s.end >= b]
        # Phrases inside, lead outside: a lead that is itself a tagged phrase nests predictably.
        for s in sorted(covering, key=lambda s: (s.kind != "phrase", s.start, s.label)):
            if s.kind == "phrase":
                piece = E.mark({"data-phrase": _clean(s.label)}, piece)
            else:
                piece = E.span({"class": s.kind}, piece)
        out.append(piece)
    return out


def _merge_strings(items: list[Any]) -> list[Any]:
    merged: list[Any] = []
    for it in items:
        if isinstance(it, str) and merged and isinstance(merged[-1], str):
            merged[-1] += it
        else:
            merged.append(it)
    return merged


def _tally(v: Mapping[str, Any]) -> str:
    if v.get("yes") is None:
        return str(v.get("method") or "")
    return f"{v['yes']}–{v['no']}–{v['abstain']}"


def _state_list(title: str, names: Sequence[str] | None) -> Any:
    names = list(names or [])
    return E.details(
        E.summary(f"{title} ({len(names)})"),
        E.ul({"class": "states"}, *[E.li(_clean(n)) for n in names]) if names else E.p("None."),
    )


def _votes_block(votes: Sequence[Mapping[str, Any]]) -> Any:
    items = []
    for v in votes:
        what = "Separate vote" if v.get("target") not in (None, "whole") else "Vote"
        words = f" on the words “{v['words']}”" if v.get("words") else ""
        head = E.p(
            f"{what}{words}: {v.get('outcome', '')} ",
            E.span({"class": "tally", "title": "in favour–against–abstaining"}, _tally(v)),
        )
        items.append(head)
        if v.get("yes") is not None:
            items += [
                _state_list("In favour", v.get("in_favour")),
                _state_list("Against", v.get("against")),
                _state_list("Abstaining", v.get("abstaining")),
            ]
        for w in v.get("warnings") or []:
            items.append(E.p({"class": "muted"}, f"Warning: {_clean(str(w))}"))
    return E.div({"class": "votes"}, *items)


def _spans_for(p: Any, side: str, highlights: Mapping[tuple[str, str], Sequence[Span]]) -> list[Span]:
    spans = list(highlights.get((side, p.id), ())) if p is not None else []
    if p is not None and p.lead and p.text.startswith(p.lead):
        spans.append(Span(0, len(p.lead), "lead"))
    return spans


def _row(
    entry: Entry, index: int, highlights: Mapping[tuple[str, str], Sequence[Span]], prefix: str = ""
) -> Any:
    old, new = entry.old, entry.new
    spans = {"old": _spans_for(old, "old", highlights), "new": _spans_for(new, "new", highlights)}
    runs = [(e.op, e.text) for e in entry.diff]
    ids = f"{old.label if old else '—'} → {new.label if new else '—'}"
    head = [E.h3({"class": "ids"}, ids), E.span({"class": "badge"}, entry.relation)]
    if entry.moved:
        where = []
        if old is not None:
            where.append(f"was {old.label}")
        if new is not None:
            where.append(f"now {new.label}")
        head.append(E.span({"class": "badge moved", "title": "moved"}, "moved: " + ", ".join(where)))
    if entry.votes:
        head.append(
            E.span({"class": "badge contested"}, "contested " + " / ".join(_tally(v) for v in entry.votes))
        )
    classes = sorted({c.cls for c in entry.changes})
    head += [E.span({"class": "cls", "data-class": c}, c.replace("_", " ")) for c in classes]
    shown = new if new is not None else old
    heading = shown.heading if shown is not None else None
    children: list[Any] = [E.div({"class": "row-head"}, *head)]
    if heading:
        children.append(E.p({"class": "heading-side"}, _clean(heading)))
    children.append(E.div({"class": "text inline"}, *render_text_runs(runs, spans)))
    old_runs = [(op, t) for op, t in runs if op != "insert"]
    new_runs = [(op, t) for op, t in runs if op != "delete"]
    children.append(
        E.div(
            {"class": "sbs"},
            E.div(
                {"class": "side old"},
                E.h4("Old" + (f" ({old.label})" if old else "")),
                E.div({"class": "text"}, *render_text_runs(old_runs, spans))
                if old
                else E.p({"class": "muted"}, "(none)"),
            ),
            E.div(
                {"class": "side new"},
                E.h4("New" + (f" ({new.label})" if new else "")),
                E.div({"class": "text"}, *render_text_runs(new_runs, spans))
                if new
                else E.p({"class": "muted"}, "(none)"),
            ),
        )
    )
    notes = [c for c in entry.changes if c.cls != "formatting"]
    if notes:
        children.append(
            E.ul(
                {"class": "changes"},
                *[
                    E.li(
                        E.span({"class": "cls", "data-class": c.cls}, c.cls.replace("_", " ")),
                        " ",
                        _clean(_describe(c)),
                    )
                    for c in notes
                ],
            )
        )
    if entry.votes:
        children.append(_votes_block(entry.votes))
    attrs = {
        "class": "row",
        "id": f"{prefix}row-{index}",
        "tabindex": "-1",
        "data-old-id": old.id if old else "",
        "data-new-id": new.id if new else "",
        "data-relation": entry.relation,
        "data-moved": "true" if entry.moved else "false",
        "data-changed": "true" if entry.changed else "false",
    }
    if entry.votes:
        attrs["data-contested"] = "true"
    return E.article(attrs, *children)


def _describe(c: Any) -> str:
    if c.old.strip() and c.new.strip():
        return f"“{c.old.strip()}” → “{c.new.strip()}”"
    if c.new.strip():
        return f"added “{c.new.strip()}”"
    return f"removed “{c.old.strip()}”"


def _doc_meta(label: str, d: Any) -> Any:
    return E.tr(
        E.th(label),
        E.td(_clean(d.name)),
        E.td(d.kind or ""),
        E.td(d.date or "—"),
        E.td(f"{len(d.preambular)} PP, {len(d.operative)} OP"),
    )


def _summary(comparison: Comparison, shifts: Mapping[str, Mapping[str, str]] | None, prefix: str = "") -> Any:
    s = comparison.summary
    counts = E.ul({"class": "counts"}, *[E.li(E.b(str(v)), f" {k}") for k, v in s.items()])
    parts: list[Any] = [E.h2("Summary"), counts]
    cc = comparison.change_counts
    if cc:
        parts.append(
            E.p(
                "Changes by class: ",
                *_join(
                    [
                        E.span({"class": "cls", "data-class": k}, f"{k.replace('_', ' ')} {v}")
                        for k, v in cc.items()
                    ],
                    ", ",
                ),
            )
        )
    contested = [(i, e) for i, e in enumerate(comparison.entries) if e.votes]
    if contested:
        parts.append(E.h3("Contested paragraphs"))
        parts.append(
            E.ul(
                {"class": "contested"},
                *[
                    E.li(
                        E.a({"href": f"#{prefix}row-{i}"}, e.new.label if e.new else "?"),
                        " ",
                        "; ".join(f"{v.get('outcome', '')} {_tally(v)}" for v in e.votes),
                    )
                    for i, e in contested
                ],
            )
        )
    if shifts:
        parts += _shifts_table(shifts)
    return E.section({"class": "summary", "id": f"{prefix}summary"}, *parts)


def _shifts_table(shifts: Mapping[str, Mapping[str, str]]) -> list[Any]:
    targets = sorted({t for votes in shifts.values() for t in votes}, key=_target_order)
    return [
        E.h3("Vote shifts"),
        E.p(
            {"class": "muted"},
            "States whose vote differed between the separate votes and the vote on the whole.",
        ),
        E.table(
            {"class": "meta-table shifts"},
            E.tr(E.th("State"), *[E.th(t.upper() if t != "whole" else "whole") for t in targets]),
            *[
                E.tr(E.th(_clean(state)), *[E.td(votes.get(t, "")) for t in targets])
                for state, votes in sorted(shifts.items())
            ],
        ),
    ]


def _target_order(t: str) -> tuple[int, int, str]:
    m = re.match(r"^(pp|op)(\d+)", t)
    if m:
        return (0 if m.group(1) == "pp" else 1, int(m.group(2)), t)
    return (2, 0, t)


def _join(items: list[Any], sep: str) -> list[Any]:
    out: list[Any] = []
    for i, it in enumerate(items):
        if i:
            out.append(sep)
        out.append(it)
    return out


def _toolbar(views: bool = True) -> Any:
    """The sticky controls: the view switch and the unchanged filter only where a page has both views."""
    kids: list[Any] = []
    if views:
        kids += [
            E.span("View: "),
            E.button(
                {"type": "button", "data-view": "inline", "aria-pressed": "true", "title": "Shortcut: v"},
                "Inline",
            ),
            E.button(
                {"type": "button", "data-view": "sbs", "aria-pressed": "false", "title": "Shortcut: v"},
                "Side by side",
            ),
        ]
    kids += [
        E.button({"type": "button", "id": "prev-change", "title": "Shortcut: p or k"}, "◀ Previous"),
        E.button({"type": "button", "id": "next-change", "title": "Shortcut: n or j"}, "Next ▶"),
    ]
    if views:
        kids.append(
            E.button(
                {"type": "button", "id": "toggle-unchanged", "aria-pressed": "false", "title": "Shortcut: u"},
                "Hide unchanged",
            )
        )
    keys: list[Any] = [" Keys: ", E.kbd("n"), "/", E.kbd("p"), " next/previous"]
    if views:
        keys += [", ", E.kbd("v"), " view, ", E.kbd("u"), " unchanged"]
    kids += [
        E.span({"id": "nav-status", "role": "status", "aria-live": "polite"}, ""),
        E.span({"class": "muted"}, *keys),
    ]
    return E.nav({"class": "toolbar", "aria-label": "Report controls"}, *kids)


def comparison_section(
    comparison: Comparison,
    highlights: Mapping[tuple[str, str], Sequence[Span]] | None = None,
    shifts: Mapping[str, Mapping[str, str]] | None = None,
    heading_level: str = "h2",
    prefix: str = "",
) -> list[Any]:
    """The summary and the aligned rows of one comparison (used by `render_html` and the report view)."""
    hl = highlights or {}
    rows = [_row(e, i, hl, prefix) for i, e in enumerate(comparison.entries)]
    return [
        _summary(comparison, shifts, prefix),
        E.section(
            {"id": f"{prefix}paragraphs", "class": "paragraphs"}, E(heading_level, "Paragraphs"), *rows
        ),
    ]


def render_html(
    comparison: Comparison,
    *,
    highlights: Mapping[tuple[str, str], Sequence[Span]] | None = None,
    shifts: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    """The annotated comparison as one self-contained HTML page.

    ``highlights`` maps ("old"|"new", paragraph id) to spans to mark (tagged phrases); ``shifts`` maps a
    State to its vote on each separate vote and on the whole.

    >>> from corpus.loaders.text import load_text
    >>> from textdiff.compare import compare
    >>> a = load_text("The General Assembly,\\n\\n1. Decides to act.", "a")[0]
    >>> b = load_text("The General Assembly,\\n\\n1. Decides to act <now>.", "b")[0]
    >>> out = render_html(compare(a, b))
    >>> "<ins> &lt;now&gt;</ins>" in out, "<now>" in out
    (True, False)
    """
    old, new = comparison.old, comparison.new
    title = f"{old.name} → {new.name}"
    header = E.header(
        {"class": "page"},
        E.h1(_clean(title)),
        E.p({"class": "meta"}, _clean(new.title or old.title or "")),
        E.table(
            {"class": "meta-table"},
            E.tr(E.th(""), E.th("Document"), E.th("Kind"), E.th("Date"), E.th("Paragraphs")),
            _doc_meta("Old", old),
            _doc_meta("New", new),
        ),
    )
    main = E.main(*comparison_section(comparison, highlights, shifts))
    footer = E.footer(
        {"class": "page"}, "Made with textdiff. Inserted text is underlined, deleted text struck through."
    )
    return page(title, header, _toolbar(), main, footer)


def render_history_html(history: Any) -> str:
    """A chain's last version with each span marked by the version it first appeared in.

    Spans from later versions carry a superscript version number as well as a shade, so the dating reads
    without colour.
    """
    versions = history.versions
    n = len(versions)
    legend = E.ol(
        {"class": "versions", "start": "0"},
        *[
            E.li(
                E.span({"class": "since", "data-since": str(i)}, _clean(d.name)),
                f" — {d.kind or ''}, {d.date or 'no date'}",
            )
            for i, d in enumerate(versions)
        ],
    )
    rows = []
    last = versions[-1]
    for pid, segs in history.paragraphs:
        p = last.paragraph(pid)
        parts: list[Any] = []
        for s in segs:
            attrs = {"class": "since", "data-since": str(s.since), "title": f"since {versions[s.since].name}"}
            kids: list[Any] = [_clean(s.text)]
            if s.since > 0:
                kids.insert(0, E.sup({"class": "since-mark"}, f"[{s.since}]"))
            parts.append(E.span(attrs, *kids))
        newest = max((s.since for s in segs), default=0)
        rows.append(
            E.article(
                {
                    "class": "row",
                    "id": f"row-{pid}",
                    "tabindex": "-1",
                    "data-old-id": "",
                    "data-new-id": pid,
                    "data-relation": "history",
                    "data-changed": "true" if newest > 0 else "false",
                },
                E.div({"class": "row-head"}, E.h3({"class": "ids"}, p.label)),
                E.div({"class": "text"}, *parts),
            )
        )
    # Later versions get darker shades; version 0 stays plain.
    shades = "".join(
        f'.since[data-since="{i}"]{{background:hsl({(200 + 47 * i) % 360},70%,{92 - min(i, 6) * 4}%)}}'
        for i in range(1, n)
    )
    title = f"History of {last.name}"
    header = E.header(
        {"class": "page"},
        E.h1(_clean(title)),
        E.p({"class": "meta"}, _clean(last.title or "")),
        E.h2("Versions"),
        legend,
    )
    main = E.main(
        E.style(shades + ".since-mark{font-size:.7em;color:var(--muted)}"),
        E.section({"id": "paragraphs"}, E.h2("Paragraphs of the last version"), *rows),
    )
    return page(
        title,
        header,
        _toolbar(views=False),
        main,
        E.footer({"class": "page"}, "Made with textdiff. [n] marks text first seen in version n."),
    )


@dataclass(frozen=True)
class ProposalView:
    """What the report page shows for one proposal: its draft text (if found), the comparison with the
    previous version of the same resolution (if a corpus gave one), and its vote shifts."""

    proposal: Any
    document: Any | None = None
    comparison: Comparison | None = None
    shifts: Mapping[str, Mapping[str, str]] | None = None
    highlights: Mapping[tuple[str, str], Sequence[Span]] | None = None


def _actions_table(proposal: Any, prefix: str, doc: Any | None) -> Any:
    ids = {p.id for p in doc.paragraphs} if doc is not None else set()
    rows = [E.tr(E.th("On"), E.th("Outcome"), E.th("Method"), E.th("Tally"))]
    for a in proposal.actions:
        v = a.to_dict()
        target = v.get("target") or ""
        label = target.upper() if target not in ("whole", "amendment") else target
        if v.get("amends"):
            label = f"amendment to {str(v['amends']).upper()}"
        cell = E.a({"href": f"#{prefix}p-{target}"}, label) if target in ids else label
        rows.append(
            E.tr(
                E.td(cell),
                E.td(v.get("outcome") or ""),
                E.td(v.get("method") or ""),
                E.td({"class": "tally"}, _tally(v) if v.get("yes") is not None else "—"),
            )
        )
    return E.table({"class": "meta-table actions"}, *rows)


def _text_rows(doc: Any, actions: Sequence[Any], prefix: str) -> list[Any]:
    by_target: dict[str, list[dict[str, Any]]] = {}
    for a in actions:
        by_target.setdefault(a.target, []).append(a.to_dict())
    rows = []
    for p in doc.paragraphs:
        votes = by_target.get(p.id, [])
        spans = {"new": _spans_for(p, "new", {})}
        head: list[Any] = [E.h3({"class": "ids"}, p.label)]
        if votes:
            head.append(
                E.span({"class": "badge contested"}, "contested " + " / ".join(_tally(v) for v in votes))
            )
        kids: list[Any] = [E.div({"class": "row-head"}, *head)]
        if p.heading:
            kids.append(E.p({"class": "heading-side"}, _clean(p.heading)))
        kids.append(E.div({"class": "text"}, *render_text_runs([("equal", p.text)], spans)))
        if votes:
            kids.append(_votes_block(votes))
        attrs = {
            "class": "row",
            "id": f"{prefix}p-{p.id}",
            "tabindex": "-1",
            "data-old-id": "",
            "data-new-id": p.id,
            "data-relation": "text",
            "data-changed": "true" if votes else "false",
        }
        if votes:
            attrs["data-contested"] = "true"
        rows.append(E.article(attrs, *kids))
    return rows


def _names(title: str, names: Sequence[str]) -> Any:
    if not names:
        return E.p(f"{title}: none.")
    return E.details(E.summary(f"{title} ({len(names)})"), E.p(", ".join(_clean(n) for n in names)))


def render_report_html(report: Any, views: Sequence[ProposalView]) -> str:
    """A whole committee report as one page: each proposal, its sponsors, its actions with tallies and who
    voted how, its text with contested paragraphs marked, and its diff against the previous version."""
    title = report.title or (report.symbol or "Committee report")
    meta = ", ".join(
        x
        for x in (
            report.symbol,
            f"session {report.session}" if report.session else None,
            f"agenda item {report.agenda_item}" if report.agenda_item else None,
            report.date,
        )
        if x
    )
    overview = [E.tr(E.th("Proposal"), E.th("Becomes"), E.th("Outcome"), E.th("Separate votes"))]
    sections = []
    for n, view in enumerate(views, start=1):
        p = view.proposal
        prefix = f"d{n}-"
        whole = next((a for a in p.actions if a.target == "whole"), None)
        outcome = f"{whole.outcome} {_tally(whole.to_dict())}" if whole else "no decision recorded"
        separate = [a for a in p.actions if a.target != "whole"]
        overview.append(
            E.tr(
                E.td(E.a({"href": f"#proposal-{n}"}, _clean(p.symbol or f"Proposal {n}"))),
                E.td(_clean(p.recommended_as or "—")),
                E.td(outcome),
                E.td(str(len(separate)) if separate else "—"),
            )
        )
        kids: list[Any] = [
            E.h2(_clean(f"{p.recommended_as or 'Proposal'}: {p.symbol or ''}")),
            E.p({"class": "meta"}, _clean(p.title or "")),
        ]
        submitted = f"Submitted by {p.submitted_by}" if p.submitted_by else "Submitter not stated"
        kids += [
            E.p(_clean(submitted)),
            _names("Sponsors", list(p.sponsors)),
            _names("Joined later", list(p.joined)),
        ]
        if getattr(p, "oral_revision", False):
            kids.append(E.p("Orally revised before action."))
        kids += [E.h3("Actions"), _actions_table(p, prefix, view.document)]
        for note in p.notes:
            kids.append(
                E.p(
                    {"class": "muted"},
                    _clean(
                        f"{note.state} later said it had intended to vote "
                        f"{note.intended}" + (f" ({note.target})" if note.target else "")
                    ),
                )
            )
        if view.shifts:
            kids += _shifts_table(view.shifts)
        if view.comparison is not None:
            c = view.comparison
            kids.append(E.h3(_clean(f"Changes against {c.old.name} ({c.old.date or 'no date'})")))
            kids += comparison_section(c, view.highlights, None, heading_level="h3", prefix=prefix)
        elif view.document is not None:
            kids.append(E.h3("Text"))
            kids += _text_rows(view.document, p.actions, prefix)
        else:
            kids.append(
                E.p({"class": "muted"}, "The recommended text of this proposal was not found in the report.")
            )
        sections.append(E.section({"class": "proposal", "id": f"proposal-{n}"}, *kids))
    header = E.header({"class": "page"}, E.h1(_clean(title)), E.p({"class": "meta"}, _clean(meta)))
    summary = E.section(
        {"class": "summary", "id": "summary"}, E.h2("Proposals"), E.table({"class": "meta-table"}, *overview)
    )
    warnings = [E.li(_clean(w)) for w in report.warnings]
    if warnings:
        summary.append(E.h3("Warnings"))
        summary.append(E.ul(*warnings))
    main = E.main(summary, E.div({"id": "paragraphs"}, *sections))
    return page(
        title,
        header,
        _toolbar(),
        main,
        E.footer({"class": "page"}, "Made with textdiff from the committee report's text."),
    )


def _marked(text: str, start: int, end: int, label: str) -> list[Any]:
    return render_text_runs(
        [("equal", text)], {"new": [Span(start, end, "phrase", label)] if end > start else []}
    )


def render_lineage_html(data: Mapping[str, Any]) -> str:
    """A phrase's lineage (the ``lineage`` JSON) as a page: the first appearance, then a timeline with one
    lane per resolution series, each occurrence with its paragraph and the matching words marked."""
    query = str(data.get("query", ""))
    occurrences = list(data.get("occurrences", []))
    first = data.get("first")
    title = f"Lineage of “{query}”"
    summary: list[Any] = [
        E.h2("Summary"),
        E.p(f"{len(occurrences)} occurrences ({sum(1 for o in occurrences if o.get('exact'))} exact)."),
    ]
    if first:
        summary.append(
            E.p(
                "First appearance: ",
                E.b(_clean(f"{first.get('symbol') or ''} {first.get('paragraph')}")),
                f" ({first.get('date') or 'no date'})",
            )
        )
    exact = data.get("first_exact")
    if exact and exact != first:
        summary.append(
            E.p(
                "First exact wording: ",
                E.b(_clean(f"{exact.get('symbol') or ''} {exact.get('paragraph')}")),
                f" ({exact.get('date') or 'no date'})",
            )
        )
    lanes = []
    for n, lane in enumerate(data.get("timeline", [])):
        items = []
        for mark in lane.get("marks", []):
            o = occurrences[mark["occurrence"]]
            kind = "exact" if o.get("exact") else f"variant, similarity {o.get('similarity')}"
            items.append(
                E.article(
                    {
                        "class": "row",
                        "id": f"occ-{mark['occurrence']}",
                        "tabindex": "-1",
                        "data-old-id": "",
                        "data-new-id": str(o.get("paragraph") or ""),
                        "data-relation": "occurrence",
                        "data-changed": "true",
                    },
                    E.div(
                        {"class": "row-head"},
                        E.h4(
                            {"class": "ids"},
                            _clean(f"{o.get('symbol') or o.get('document')} {o.get('paragraph')}"),
                        ),
                        E.span({"class": "badge"}, _clean(o.get("date") or "no date")),
                        E.span({"class": "cls"}, kind),
                    ),
                    E.div(
                        {"class": "text"},
                        *_marked(str(o.get("text", "")), int(o.get("start", 0)), int(o.get("end", 0)), query),
                    ),
                )
            )
        lanes.append(
            E.section(
                {"class": "lane", "id": f"lane-{n}"},
                E.h3(
                    _clean(str(lane.get("series") or "")),
                    " ",
                    E.span({"class": "muted"}, f"from {lane.get('first') or 'no date'}"),
                ),
                *items,
            )
        )
    header = E.header({"class": "page"}, E.h1(_clean(title)))
    main = E.main(
        E.section({"class": "summary", "id": "summary"}, *summary),
        E.section({"id": "paragraphs"}, E.h2("Timeline by series"), *lanes),
    )
    return page(
        title,
        header,
        _toolbar(views=False),
        main,
        E.footer({"class": "page"}, "Made with textdiff. Matching words are highlighted."),
    )


def render_ancestry_html(data: Mapping[str, Any]) -> str:
    """A paragraph and the earlier paragraphs it reuses text from, nearest first."""
    para = data.get("paragraph", {})
    title = f"Ancestry of {para.get('document')} {para.get('id')}"
    rows = [
        E.article(
            {
                "class": "row",
                "id": f"anc-{i}",
                "tabindex": "-1",
                "data-old-id": str(a.get("paragraph")),
                "data-new-id": str(para.get("id")),
                "data-relation": "ancestor",
                "data-changed": "true",
            },
            E.div(
                {"class": "row-head"},
                E.h3(
                    {"class": "ids"}, _clean(f"{a.get('symbol') or a.get('document')} {a.get('paragraph')}")
                ),
                E.span({"class": "badge"}, _clean(a.get("date") or "no date")),
                E.span(
                    {"class": "cls"},
                    f"similarity {a.get('similarity')}, containment "
                    f"{a.get('containment')}" + (", same series" if a.get("same_series") else ""),
                ),
            ),
            E.div({"class": "text"}, _clean(str(a.get("text", "")))),
        )
        for i, a in enumerate(data.get("ancestors", []))
    ]
    header = E.header(
        {"class": "page"}, E.h1(_clean(title)), E.p({"class": "meta"}, _clean(str(para.get("text", ""))))
    )
    main = E.main(E.section({"id": "paragraphs"}, E.h2("Earlier paragraphs, nearest first"), *rows))
    return page(
        title, header, _toolbar(views=False), main, E.footer({"class": "page"}, "Made with textdiff.")
    )
