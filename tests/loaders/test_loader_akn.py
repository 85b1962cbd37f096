"""Akoma Ntoso in and out: the eId scheme, exact round trips on every real document of the test data and on
generated documents, AKN written by others, and hostile XML refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import corpus
from corpus.errors import InputError, ParseError
from corpus.leads import find_lead
from corpus.loaders import load_bytes
from corpus.loaders.akn import load_akn
from corpus.model import OPERATIVE, PREAMBULAR, Document, Footnote, FootnoteRef, Paragraph, Subparagraph
from reports.akn import AKN_NS, render_akn
from tests.conftest import DATA

TEXTS = sorted(
    [
        *(DATA / "structure").glob("*.txt"),
        *(DATA / "structure" / "raw").glob("*.txt"),
        *(DATA / "reports").glob("*.txt"),
        DATA / "seed" / "A-77-380.txt",
    ]
)
META = (
    "symbol",
    "title",
    "date",
    "organ",
    "kind",
    "session",
    "agenda_item",
    "formula",
    "footnotes",
    "closing",
    "label",
)


def _paragraphs(doc: Document) -> list[tuple]:
    return [
        (p.id, p.kind, p.number, p.lead, p.text, p.subparagraphs, p.footnote_refs, p.heading)
        for p in doc.paragraphs
    ]


def _round_trip(doc: Document) -> Document:
    (back,) = load_bytes(render_akn(doc).encode("utf-8"), "r.xml")
    return back


@pytest.mark.parametrize("path", TEXTS, ids=[p.name for p in TEXTS])
def test_round_trip_of_real_documents(path: Path) -> None:
    for doc in corpus.load(path):
        back = _round_trip(doc)
        assert _paragraphs(back) == _paragraphs(doc)
        assert {k: getattr(back, k) for k in META} == {k: getattr(doc, k) for k in META}


@pytest.mark.slow
def test_round_trip_of_the_shared_corpus(shared: Path) -> None:
    n = 0
    for path in sorted((shared / "corpus").rglob("*.txt")):
        try:
            docs = corpus.load(path)
        except corpus.InputError:
            continue
        for doc in docs:
            assert _paragraphs(_round_trip(doc)) == _paragraphs(doc), f"{path}#{doc.position}"
            n += 1
    assert n > 100


def test_eid_scheme() -> None:
    (doc,) = corpus.load(DATA / "structure" / "A-RES-70-237.txt")
    root = etree.fromstring(render_akn(doc).encode())
    ns = {"a": AKN_NS}
    assert root.tag == f"{{{AKN_NS}}}akomaNtoso"
    st_el = root.find("a:statement", ns)
    assert st_el.get("name") == "resolution"
    assert [e.get("eId") for e in st_el.findall("a:preamble/a:p", ns)][:3] == [
        "preamble__para_1",
        "preamble__para_2",
        "preamble__para_3",
    ]
    paras = st_el.findall("a:mainBody/a:paragraph", ns)
    assert [(e.get("eId"), e.findtext("a:num", namespaces=ns)) for e in paras][:2] == [
        ("para_1", "1."),
        ("para_2", "2."),
    ]
    points = st_el.findall("a:mainBody/a:paragraph[@eId='para_2']/a:point", ns)
    assert [(e.get("eId"), e.findtext("a:num", namespaces=ns)) for e in points] == [
        ("para_2__point_a", "(a)"),
        ("para_2__point_b", "(b)"),
    ]
    assert st_el.findtext("a:preface//a:docNumber", namespaces=ns) == "A/RES/70/237"
    assert st_el.find("a:meta/a:identification/a:FRBRWork/a:FRBRdate", ns).get("date") == "2015-12-23"
    assert st_el.findtext("a:preamble/a:p[@eId='preamble__para_1']/a:i", namespaces=ns) == "Recalling"
    assert st_el.findtext("a:conclusions/a:p", namespaces=ns) == "82nd plenary meeting 23 December 2015"


def test_decimal_sub_paragraphs_and_footnotes() -> None:
    text = "Welcomes the following rules: 1.1. States should cooperate; 1.2. States should not harm."
    subs = (
        Subparagraph("op1_1.1", "1.1.", "States should cooperate;"),
        Subparagraph("op1_1.2", "1.2.", "States should not harm."),
    )
    op1 = Paragraph("op1", OPERATIVE, 1, "Welcomes", text, subs, (FootnoteRef("1", 28),), source_text=text)
    doc = Document(
        None, None, None, "General Assembly", "resolution", (op1,), formula="The General Assembly,"
    )
    xml = render_akn(doc)
    assert 'eId="para_1__point_1-1"' in xml and "<num>1.1.</num>" in xml
    assert '<authorialNote marker="1" placement="bottom" eId="para_1__authorialNote_1">' in xml
    assert _paragraphs(_round_trip(doc)) == _paragraphs(doc)
    (doc,) = corpus.load(DATA / "structure" / "A-RES-75-240.txt")
    assert 'marker="1" placement="bottom" eId="preamble__para_17__authorialNote_1"' in render_akn(doc)


_words = (
    st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1, max_size=30)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


def _leads(text: str) -> st.SearchStrategy[str | None]:
    """The leads a loader gives: the lexical lead, or where there is none, none or an italic first word."""
    lead = find_lead(text)
    if lead:
        return st.just(lead)
    # An italic lead is words: no leading or trailing punctuation (the loaders strip ",;:").
    word = text.split()[0].rstrip(",;:")
    return st.sampled_from([None, word]) if any(c.isalpha() for c in word) else st.none()


@st.composite
def _documents(draw) -> Document:
    paras: list[Paragraph] = []
    for i in range(draw(st.integers(0, 4))):
        text = draw(_words)
        paras.append(Paragraph(f"pp{i + 1}", PREAMBULAR, i + 1, draw(_leads(text)), text, source_text=text))
    for n in range(1, draw(st.integers(1, 4)) + 1):
        intro = draw(_words)
        subs = tuple(
            Subparagraph(f"op{n}_{c}", f"({c})", draw(_words)) for c in "ab"[: draw(st.integers(0, 2))]
        )
        text = " ".join([intro, *(f"{s.label} {s.text}" for s in subs)])
        lead = draw(_leads(text))
        # Markers stand after a word, never inside the lead.
        first = len(lead) if lead else 1
        offsets = draw(st.lists(st.integers(first, max(first, len(intro))), max_size=2, unique=True))
        refs = tuple(
            FootnoteRef(str(k + 1), o)
            for k, o in enumerate(sorted(offsets))
            if o <= len(intro) and intro[o - 1] != " "
        )
        paras.append(Paragraph(f"op{n}", OPERATIVE, n, lead, text, subs, refs, source_text=text))
    return Document(
        symbol=draw(st.none() | st.just("A/RES/80/1")),
        title=draw(st.none() | _words),
        date=draw(st.none() | st.just("2024-03-01")),
        organ="General Assembly",
        kind=draw(st.sampled_from(["resolution", "draft resolution", "draft decision"])),
        paragraphs=tuple(paras),
        formula="The General Assembly,",
        footnotes=(Footnote("1", "A/80/1."),),
        closing=draw(st.none() | st.just("1st plenary meeting 1 March 2024")),
        source="r.xml",
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents())
def test_round_trip_of_generated_documents(doc: Document) -> None:
    back = _round_trip(doc)
    assert _paragraphs(back) == _paragraphs(doc)
    assert {k: getattr(back, k) for k in META} == {k: getattr(doc, k) for k in META}


def test_akn_written_by_others() -> None:
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="{AKN_NS}"><doc name="resolution">
  <meta><identification source="#un"><FRBRWork><FRBRthis value="/akn/un/x"/><FRBRuri value="/akn/un"/>
  <FRBRdate date="2019-12-12" name="adoption"/><FRBRauthor href="#ga"/><FRBRcountry value="un"/></FRBRWork>
  </identification><references source="#un"><TLCOrganization eId="ga" href="/ontology/ga"
  showAs="General Assembly"/></references></meta>
  <preface><p><docNumber>A/RES/74/29</docNumber></p></preface>
  <preamble>
    <formula name="enactingFormula"><p>The General Assembly,</p></formula>
    <citations><citation><p><i>Recalling</i> its resolutions,<authorialNote marker="1"><p>See A/74/1.</p>
    </authorialNote></p></citation></citations>
    <recitals><recital><p>Noting the report,</p></recital></recitals>
  </preamble>
  <mainBody>
    <paragraph eId="para_1"><num>1.</num><intro><p>Calls upon Member States:</p></intro>
      <list><point><num>(a)</num><content><p>To act;</p></content></point>
      <point><num>(b)</num><content><p>To report;</p></content></point></list></paragraph>
    <hcontainer name="sideHeading"><heading>Follow-up</heading></hcontainer>
    <paragraph eId="para_2"><num>2.</num><content><p>Decides to remain seized of the matter.</p></content>
    </paragraph>
  </mainBody>
  <conclusions><p>46th plenary meeting</p><p>12 December 2019</p></conclusions>
</doc></akomaNtoso>"""
    (doc,) = load_akn(xml.encode(), "other.xml")
    assert (doc.symbol, doc.date, doc.organ, doc.formula) == (
        "A/RES/74/29",
        "2019-12-12",
        "General Assembly",
        "The General Assembly,",
    )
    assert [(p.id, p.lead, p.text) for p in doc.paragraphs] == [
        ("pp1", "Recalling", "Recalling its resolutions,"),
        ("pp2", "Noting", "Noting the report,"),
        ("op1", "Calls upon", "Calls upon Member States: (a) To act; (b) To report;"),
        ("op2", "Decides", "Decides to remain seized of the matter."),
    ]
    assert doc.paragraph("pp1").footnote_refs == (FootnoteRef("1", len("Recalling its resolutions,")),)
    assert doc.footnotes == (Footnote("1", "See A/74/1."),)
    assert [s.id for s in doc.paragraph("op1").subparagraphs] == ["op1_a", "op1_b"]
    assert doc.paragraph("op2").heading == "Follow-up"
    assert doc.closing == "46th plenary meeting 12 December 2019"


HOSTILE = {
    "billion-laughs": b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b"<akomaNtoso><statement><preamble><p>&lol3;</p></preamble></statement></akomaNtoso>",
    "xxe-file": b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b"<akomaNtoso><statement><preamble><p>&xxe;</p></preamble></statement></akomaNtoso>",
    "xxe-network": b'<?xml version="1.0"?>'
    b'<!DOCTYPE a [<!ENTITY % dtd SYSTEM "http://127.0.0.1:9/x.dtd"> %dtd;]>'
    b"<akomaNtoso/>",
    "utf-16-entities": '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY b "bbbb">]>'
    "<akomaNtoso><statement><preamble><p>&b;</p></preamble></statement></akomaNtoso>".encode("utf-16"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_entity_declarations_are_refused(name: str) -> None:
    with pytest.raises(
        InputError, match=r"^evil\.xml: declares XML entities \(<!ENTITY …>\)\. Cause: .* To fix: "
    ):
        load_bytes(HOSTILE[name], "evil.xml")


def test_external_dtd_is_never_fetched_nor_its_entities_expanded() -> None:
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE akomaNtoso SYSTEM "http://127.0.0.1:9/akn.dtd">'
        b"<akomaNtoso><statement><preamble><p>&undefined;</p></preamble></statement></akomaNtoso>"
    )
    with pytest.raises(ParseError, match=r"x\.xml: has no paragraphs"):
        load_bytes(xml, "x.xml")


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (
            b"<?xml version='1.0'?><root/>",
            InputError,
            r"is XML but not Akoma Ntoso: its root element is <root>",
        ),
        (b"<akomaNtoso><statement>", InputError, r"is not well-formed XML"),
        (b"<akomaNtoso/>", ParseError, r"holds no Akoma Ntoso document"),
        (b"<akomaNtoso><statement/></akomaNtoso>", ParseError, r"has no paragraphs"),
    ],
)
def test_broken_akn(data: bytes, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        load_bytes(data, "x.xml")


def test_nested_items_round_trip_with_unique_eids() -> None:
    from tests.corpus.test_structure import load_mandate

    (doc,) = load_mandate()
    xml = render_akn(doc)
    eids = etree.fromstring(xml.encode("utf-8")).xpath("//@eId")
    assert len(eids) == len(set(eids))
    assert "para_1__point_b-ii" in eids
    assert _paragraphs(_round_trip(doc)) == _paragraphs(doc)
