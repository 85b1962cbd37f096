"""The renderers of textdiff: self-contained HTML (the main product), Markdown, JSON, plain text, Word with
tracked changes and Akoma Ntoso XML, all from the same results."""

from reports.akn import render_akn
from reports.docx import render_docx
from reports.html import (
    render_ancestry_html,
    render_history_html,
    render_html,
    render_lineage_html,
    render_report_html,
)
from reports.jsonout import render_json
from reports.markdown import render_markdown
from reports.textout import render_text

__all__ = [
    "render_akn",
    "render_ancestry_html",
    "render_docx",
    "render_history_html",
    "render_html",
    "render_json",
    "render_lineage_html",
    "render_markdown",
    "render_report_html",
    "render_text",
]
