"""HTML: block elements become paragraphs, lists are numbered as a browser shows them, scripts, styles and
hidden elements are never text, entity declarations are refused."""

from __future__ import annotations

import pytest

from corpus.errors import InputError
from corpus.loaders.html import html_blocks, load_html

HEAD = "<p>The General Assembly,</p><p><i>Recalling</i> its resolution 1/1,</p>"


def _ops(html: str) -> list[tuple[str, str]]:
    (doc,) = load_html(html.encode(), "x.html")
    return [(p.id, p.text) for p in doc.operative]


def test_scripts_styles_and_hidden_elements_are_not_text() -> None:
    page = (
        "<html><head><style>p{color:red}</style><script>var s = '1. Decides to go to war.';</script></head>"
        f"<body>{HEAD}<script>document.write('<p>2. Requests money.</p>')</script>"
        '<p hidden>2. Hidden.</p><p style="display: none">2. Hidden too.</p>'
        "<noscript><p>2. Enable scripts.</p></noscript><template><p>2. Template.</p></template>"
        '<p onclick="alert(1)">1. Decides to act.</p></body></html>'
    )
    assert _ops(page) == [("op1", "Decides to act.")]


def test_ordered_lists_get_the_numbers_a_browser_shows() -> None:
    page = (
        f'{HEAD}<ol start="1"><li><em>Decides</em>:<ol type="a"><li>To act;</li><li>To report;</li></ol></li>'
        '<li value="2">Requests a study;</li><li>Also decides to remain seized of the matter.</li></ol>'
    )
    (doc,) = load_html(page.encode(), "x.html")
    assert [p.id for p in doc.operative] == ["op1", "op2", "op3"]
    assert [s.id for s in doc.paragraph("op1").subparagraphs] == ["op1_a", "op1_b"]


def test_line_breaks_inside_and_between_paragraphs() -> None:
    page = "The General Assembly,<br><br>Recalling its resolution<br>1/1,<br><br>1. Decides to act."
    assert [b.text for b in html_blocks(page)] == [
        "The General Assembly,",
        "Recalling its resolution 1/1,",
        "1. Decides to act.",
    ]


def test_footnotes_as_word_saves_them() -> None:
    page = (
        f'{HEAD}<p>1. Welcomes the report<a href="#_ftn1" name="_ftnref1"><span '
        'class="MsoFootnoteReference">[1]</span></a> of the Secretary-General.</p>'
        '<div id="ftn1"><p class="MsoFootnoteText"><a href="#_ftnref1">[1]</a> A/70/174.</p></div>'
    )
    (doc,) = load_html(page.encode(), "x.html")
    op1 = doc.paragraph("op1")
    assert op1.text == "Welcomes the report of the Secretary-General."
    assert [r.label for r in op1.footnote_refs] == ["1"]
    assert [(f.label, f.text) for f in doc.footnotes] == [("1", "A/70/174.")]


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (
            '<meta charset="windows-1252"><p>The General Assembly,</p>'
            "<p>1. Welcomes Côte d’Ivoire.</p>".encode("cp1252"),
            "Welcomes Côte d’Ivoire.",
        ),
        (
            "<p>The General Assembly,</p><p>1. Welcomes Côte d’Ivoire.</p>".encode("utf-16"),
            "Welcomes Côte d’Ivoire.",
        ),
        ("<p>The General Assembly,</p><p>1. Welcomes Côte d’Ivoire.</p>".encode(), "Welcomes Côte d’Ivoire."),
    ],
    ids=["meta-cp1252", "utf-16-bom", "utf-8-undeclared"],
)
def test_encodings(data: bytes, text: str) -> None:
    (doc,) = load_html(data, "x.html")
    assert doc.paragraph("op1").text == text


def test_xhtml_with_an_entity_bomb_is_refused() -> None:
    page = (
        b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>The General Assembly,</p><p>1. &b;</p>'
        b"</body></html>"
    )
    with pytest.raises(InputError, match=r"x\.xhtml: declares XML entities"):
        load_html(page, "x.xhtml")


def test_xhtml_is_read() -> None:
    page = (
        b'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body>'
        b"<p>The General Assembly,</p><p>1. Decides to act.</p></body></html>"
    )
    assert _ops(page.decode()) == [("op1", "Decides to act.")]


@pytest.mark.parametrize(
    "page",
    [b"", b"   ", b"<html><head><script>x()</script></head><body></body></html>"],
    ids=["empty", "blank", "no-text"],
)
def test_pages_without_text_are_refused(page: bytes) -> None:
    with pytest.raises(InputError, match=r"x\.html: "):
        load_html(page, "x.html")
