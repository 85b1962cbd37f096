"""Tests of corpus.report on real First Committee reports of the 77th session: proposals, sponsors,
recorded votes and their lists, footnoted intentions, vote shifts, the `votes` JSON contract and bad input.

The reports are bundled in tests/data/reports (UN documents, public domain): the seed (A/77/380, markdown-like
text) and five raw pdftotext extractions (A/77/377, 386, 387, 388, 391; see the shared corpus's SOURCES.md).
Expected sponsor lists and votes below were written out by reading the reports, not from parser output.
"""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path

import pytest

import corpus
from corpus.errors import InputError, ParseError
from corpus.report import (
    Action,
    Proposal,
    Report,
    format_report_text,
    load_report,
    parse_report,
    report_to_dict,
    vote_shifts,
)
from corpus.states import MEMBER_STATES

DATA = Path(__file__).resolve().parents[1] / "data" / "reports"
SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED = DATA.parent / "seed" / "A-77-380.txt"
RAW = {n: DATA / f"A-77-{n}.txt" for n in (377, 386, 387, 388, 391)}
ALL = [SEED, *RAW.values()]


@cache
def _load(path: Path) -> Report:
    return load_report(str(path))


def _proposal(path: Path, symbol: str) -> Proposal:
    return next(p for p in _load(path).proposals if p.symbol == symbol)


def _action(proposal: Proposal, target: str) -> Action:
    (action,) = [a for a in proposal.actions if a.target == target]
    return action


def _tally(action: Action) -> tuple[int | None, int | None, int | None]:
    return action.yes, action.no, action.abstain


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _line_of(path: Path, fragment: str) -> int:
    return next(i for i, line in enumerate(_text(path).splitlines(), start=1) if fragment in line)


# --------------------------------------------------------------------------------------------------
# The bundled copies


@pytest.mark.parametrize("name", [p.name for p in ALL])
def test_bundled_copies_equal_the_shared_originals(name: str) -> None:
    original = SHARED / ("seeds/000_6db899aef984dde3.txt" if name == SEED.name else f"corpus/reports/{name}")
    if not original.is_file():
        pytest.skip(f"shared data {original} is absent")
    bundled = SEED if name == SEED.name else DATA / name
    assert bundled.read_bytes() == original.read_bytes()


# --------------------------------------------------------------------------------------------------
# The seed (A/77/380, markdown-like)


def test_seed_proposals_kinds_and_recommended_drafts() -> None:
    report = _load(SEED)
    assert [(p.symbol, p.kind, p.recommended_as) for p in report.proposals] == [
        ("A/C.1/77/L.23/Rev.1", "draft resolution", "Draft resolution I"),
        ("A/C.1/77/L.73", "draft resolution", "Draft resolution II"),
        ("A/C.1/77/L.54", "draft decision", "Draft decision"),
    ]
    assert report.date == "2022-11-14"
    assert (report.session, report.agenda_item) == ("77", "94")
    assert report.title == (
        "Developments in the field of information and telecommunications in the context of "
        "international security"
    )
    assert report.warnings == ()


def test_seed_separate_votes_and_vote_on_the_whole() -> None:
    p = _proposal(SEED, "A/C.1/77/L.23/Rev.1")
    assert [(a.target, a.outcome, a.method, _tally(a)) for a in p.actions] == [
        ("pp2", "retained", "recorded vote", (103, 53, 8)),
        ("pp4", "retained", "recorded vote", (102, 52, 10)),
        ("pp7", "retained", "recorded vote", (101, 52, 11)),
        ("whole", "adopted", "recorded vote", (112, 52, 10)),
    ]
    assert _action(p, "pp2").line == _line_of(SEED, "The second preambular paragraph was retained")
    l73 = _proposal(SEED, "A/C.1/77/L.73")
    assert [(a.target, a.outcome, _tally(a)) for a in l73.actions] == [("whole", "adopted", (157, 6, 14))]


def test_seed_lists_are_canonical_and_in_printed_order() -> None:
    p = _proposal(SEED, "A/C.1/77/L.23/Rev.1")
    pp2 = _action(p, "pp2")
    assert pp2.abstaining == (
        "Chile",
        "Fiji",
        "Guatemala",
        "Honduras",
        "Lesotho",
        "Mexico",
        "Papua New Guinea",
        "Singapore",
    )
    assert pp2.in_favour is not None and pp2.in_favour[:3] == ("Algeria", "Angola", "Antigua and Barbuda")
    # The list runs on after a footnote block ("… Thailand," / footnote / "Timor-Leste, …").
    i = pp2.in_favour.index("Thailand")
    assert pp2.in_favour[i + 1] == "Timor-Leste"
    assert pp2.in_favour[-1] == "Zimbabwe"
    whole = _action(p, "whole")
    # The vote on the whole heads its third list "Abstentions:", not "Abstaining:".
    assert whole.abstaining == (
        "Chile",
        "Colombia",
        "Fiji",
        "Guatemala",
        "Honduras",
        "Lesotho",
        "Malawi",
        "Papua New Guinea",
        "Serbia",
        "Singapore",
    )
    # "United Republic of" / footnote 2 / "Tanzania": one name broken by a footnote.
    assert whole.in_favour is not None and "United Republic of Tanzania" in whole.in_favour
    assert "Côte d'Ivoire" in whole.in_favour and "Democratic People's Republic of Korea" in whole.in_favour
    l73 = _action(_proposal(SEED, "A/C.1/77/L.73"), "whole")
    assert l73.against == (
        "China",
        "Democratic People's Republic of Korea",
        "Iran (Islamic Republic of)",
        "Nicaragua",
        "Russian Federation",
        "Syrian Arab Republic",
    )


def test_seed_decision_adopted_without_a_vote() -> None:
    p = _proposal(SEED, "A/C.1/77/L.54")
    (action,) = p.actions
    assert (action.target, action.outcome, action.method) == ("whole", "adopted", "without a vote")
    assert _tally(action) == (None, None, None)
    assert (action.in_favour, action.against, action.abstaining) == (None, None, None)
    assert p.submitted_by == "Singapore"
    # Submitted by one delegation on nobody's behalf: it is the sole sponsor.
    assert p.sponsors == ("Singapore",)
    assert p.joined == ()
    assert p.title is not None and p.title.startswith(
        "Open-ended working group on security of and in the use"
    )
    assert p.title.endswith("established pursuant to General Assembly resolution 75/240")


def test_seed_footnoted_intentions_are_notes_not_votes() -> None:
    l23 = _proposal(SEED, "A/C.1/77/L.23/Rev.1")
    assert [(n.state, n.intended, n.target) for n in l23.notes] == [("South Sudan", "in favour", "whole")]
    assert all("South Sudan" not in (a.in_favour or ()) for a in l23.actions)
    l73 = _proposal(SEED, "A/C.1/77/L.73")
    assert [(n.state, n.intended, n.target) for n in l73.notes] == [("Chad", "in favour", "whole")]
    assert _proposal(SEED, "A/C.1/77/L.54").notes == ()


def test_seed_sponsors_and_joined_exact() -> None:
    l23 = _proposal(SEED, "A/C.1/77/L.23/Rev.1")
    assert l23.submitted_by == "Russian Federation"
    assert l23.sponsors == (
        "Azerbaijan",
        "Belarus",
        "Bolivia (Plurinational State of)",
        "Cambodia",
        "China",
        "Cuba",
        "Democratic People's Republic of Korea",
        "Eritrea",
        "Iraq",
        "Lao People's Democratic Republic",
        "Nicaragua",
        "Russian Federation",
        "Syrian Arab Republic",
        "United Republic of Tanzania",
        "Venezuela (Bolivarian Republic of)",
        "Zimbabwe",
    )
    assert l23.joined == (
        "Armenia",
        "Burundi",
        "Ethiopia",
        "Guinea",
        "Kazakhstan",
        "Kyrgyzstan",
        "Madagascar",
        "Morocco",
        "Pakistan",
        "Tajikistan",
        "Turkmenistan",
        "Uzbekistan",
    )
    l73 = _proposal(SEED, "A/C.1/77/L.73")
    assert l73.submitted_by == "France"
    assert l73.sponsors == (
        "Albania",
        "Argentina",
        "Australia",
        "Austria",
        "Belgium",
        "Bulgaria",
        "Chile",
        "Colombia",
        "Croatia",
        "Cyprus",
        "Czechia",
        "Denmark",
        "Dominican Republic",
        "Egypt",
        "Estonia",
        "Finland",
        "France",
        "Germany",
        "Greece",
        "Hungary",
        "Iceland",
        "Ireland",
        "Italy",
        "Japan",
        "Latvia",
        "Lithuania",
        "Luxembourg",
        "Malta",
        "Monaco",
        "Netherlands",
        "Norway",
        "Paraguay",
        "Poland",
        "Portugal",
        "Republic of Korea",
        "Republic of Moldova",
        "Romania",
        "Senegal",
        "Slovakia",
        "Slovenia",
        "Spain",
        "Sweden",
        "Switzerland",
        "Tunisia",
        "Türkiye",
        "Ukraine",
        "United Kingdom of Great Britain and Northern Ireland",
        "United Republic of Tanzania",
        "United States of America",
    )
    assert l73.joined == (
        "Andorra",
        "Angola",
        "Canada",
        "Chad",
        "Côte d'Ivoire",
        "Democratic Republic of the Congo",
        "Djibouti",
        "El Salvador",
        "Fiji",
        "Georgia",
        "Guatemala",
        "Honduras",
        "Kiribati",
        "Lebanon",
        "Malawi",
        "Mauritania",
        "Montenegro",
        "Morocco",
        "New Zealand",
        "North Macedonia",
        "San Marino",
        "Somalia",
        "Timor-Leste",
        "Tonga",
        "Zambia",
    )


def test_seed_vote_shifts_of_india() -> None:
    shifts = vote_shifts(_proposal(SEED, "A/C.1/77/L.23/Rev.1"))
    assert shifts["India"] == {"pp2": "against", "pp4": "abstain", "pp7": "in favour", "whole": "in favour"}
    # Voted in favour every time, or the same way every time: no shift.
    assert "Algeria" not in shifts and "Albania" not in shifts
    # Absent from the separate votes and in favour of the whole: absence is no shift.
    assert "Gabon" not in shifts
    assert shifts["Mexico"] == {"pp2": "abstain", "pp4": "abstain", "pp7": "abstain", "whole": "in favour"}
    assert all(len(set(votes.values())) > 1 for votes in shifts.values())
    order = [MEMBER_STATES.index(state) for state in shifts]
    assert order == sorted(order)
    assert vote_shifts(_proposal(SEED, "A/C.1/77/L.73")) == {}


# --------------------------------------------------------------------------------------------------
# Every report: clean reading, consistent tallies


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_no_warnings_and_no_unknown_state_names(path: Path) -> None:
    report = _load(path)
    assert report.warnings == ()
    assert all(not a.warnings for p in report.proposals for a in p.actions)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_list_length_equals_its_tally(path: Path) -> None:
    recorded = [a for p in _load(path).proposals for a in p.actions if a.method == "recorded vote"]
    for action in recorded:
        assert action.in_favour is not None and action.against is not None and action.abstaining is not None
        assert (len(action.in_favour), len(action.against), len(action.abstaining)) == _tally(action)
        every = [*action.in_favour, *action.against, *action.abstaining]
        assert len(every) == len(set(every)), "a State in two lists"
        assert set(every) <= set(MEMBER_STATES)
    expected = {
        SEED.name: 5,
        "A-77-377.txt": 0,
        "A-77-386.txt": 1,
        "A-77-387.txt": 3,
        "A-77-388.txt": 3,
        "A-77-391.txt": 6,
    }
    assert len(recorded) == expected[path.name]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_recommended_drafts_are_the_labels_of_corpus_load(path: Path) -> None:
    labels = [doc.label for doc in corpus.load(path)]
    assert [p.recommended_as for p in _load(path).proposals] == labels


# --------------------------------------------------------------------------------------------------
# The raw reports, one by one


def test_a77_391_separate_votes_on_preambular_and_operative_paragraphs() -> None:
    report = _load(RAW[391])
    assert (report.symbol, report.date, report.session, report.agenda_item) == (
        "A/77/391",
        "2022-11-09",
        "77",
        "105",
    )
    assert report.title == "Comprehensive Nuclear-Test-Ban Treaty"
    (p,) = report.proposals
    assert (p.symbol, p.recommended_as) == ("A/C.1/77/L.52", "Draft resolution")
    assert [(a.target, a.outcome, _tally(a)) for a in p.actions] == [
        ("pp7", "retained", (162, 0, 7)),
        ("pp8", "retained", (158, 2, 10)),
        ("op1", "retained", (163, 2, 6)),
        ("op5", "retained", (160, 1, 9)),
        ("op6", "retained", (163, 2, 6)),
        ("whole", "adopted", (179, 1, 5)),
    ]
    # pp7's In favour list is interrupted by page furniture and a footnote block after "Russian Federation,".
    pp7 = _action(p, "pp7")
    assert pp7.in_favour is not None
    assert pp7.in_favour[pp7.in_favour.index("Russian Federation") + 1] == "Rwanda"
    assert pp7.against == ()
    whole = _action(p, "whole")
    assert (
        whole.in_favour is not None
        and "Dominica" in whole.in_favour
        and "Dominican Republic" in whole.in_favour
    )
    assert whole.against == ("Democratic People's Republic of Korea",)
    assert [(n.state, n.intended, n.target) for n in p.notes] == [("Sudan", "in favour", "whole")]


def test_a77_391_sponsors() -> None:
    (p,) = _load(RAW[391]).proposals
    assert p.submitters == ("Australia", "Mexico", "New Zealand")
    assert p.submitted_by == "Australia, Mexico, New Zealand"
    assert len(p.sponsors) == 53
    assert p.sponsors[:3] == ("Albania", "Australia", "Austria")
    assert "Lao People's Democratic Republic" in p.sponsors
    assert p.sponsors[-2:] == (
        "United Kingdom of Great Britain and Northern Ireland",
        "United States of America",
    )
    assert p.joined == (
        "Andorra",
        "Argentina",
        "Armenia",
        "Belize",
        "Bolivia (Plurinational State of)",
        "Bosnia and Herzegovina",
        "Côte d'Ivoire",
        "El Salvador",
        "Georgia",
        "Ghana",
        "Honduras",
        "Iraq",
        "Kiribati",
        "Liechtenstein",
        "Malaysia",
        "Maldives",
        "Marshall Islands",
        "Micronesia (Federated States of)",
        "Monaco",
        "Montenegro",
        "Morocco",
        "Palau",
        "Panama",
        "Papua New Guinea",
        "Peru",
        "Samoa",
        "Serbia",
        "Singapore",
        "Thailand",
    )


def test_a77_388_preambular_votes_and_group_sponsor() -> None:
    (p,) = _load(RAW[388]).proposals
    assert [(a.target, a.outcome, _tally(a)) for a in p.actions] == [
        ("pp5", "retained", (164, 4, 7)),
        ("pp6", "retained", (160, 4, 7)),
        ("whole", "adopted", (152, 5, 24)),
    ]
    # The footnote-1 block falls between pp5's Against and Abstaining lists.
    assert _action(p, "pp5").abstaining == (
        "Bhutan",
        "Côte d'Ivoire",
        "Georgia",
        "Madagascar",
        "Papua New Guinea",
        "Sierra Leone",
        "United States of America",
    )
    assert _action(p, "whole").against == (
        "Canada",
        "Israel",
        "Micronesia (Federated States of)",
        "Palau",
        "United States of America",
    )
    assert p.submitted_by == "Egypt"
    assert p.sponsors == (
        "States Members of the United Nations that are members of the League of Arab States",
    )
    assert [(n.state, n.intended, n.target) for n in p.notes] == [("Rwanda", "abstain", "whole")]


@pytest.mark.parametrize(
    ("rewritten", "target", "outcome"),
    [
        (
            "(a) By a recorded vote of 164 to 4, with 7 abstentions, the Committee\n"
            "retained the fifth preambular paragraph.",
            "pp5",
            "retained",
        ),
        (
            "(a) The Committee decided to retain the fifth preambular paragraph by a\n"
            "recorded vote of 164 to 4, with 7 abstentions.",
            "pp5",
            "retained",
        ),
        (
            "(a) By a recorded vote of 164 to 4, with 7 abstentions, the Committee\n"
            "rejected the amendment proposed by the delegation of Israel.",
            "amendment",
            "rejected",
        ),
    ],
)
def test_a77_388_vote_sentence_in_other_word_orders(rewritten: str, target: str, outcome: str) -> None:
    """Other committees write the tally first and the target after it: the same action, lists and no
    warning."""
    original = (
        "(a) The fifth preambular paragraph was retained by a recorded vote of 164 to\n4, with 7 abstentions."
    )
    text = _text(RAW[388])
    assert original in text
    report = parse_report(text.replace(original, rewritten), "A-77-388-variant.txt")
    (p,) = report.proposals
    first = p.actions[0]
    assert (first.target, first.outcome, _tally(first)) == (target, outcome, (164, 4, 7))
    assert len(first.in_favour) == 164 and len(first.abstaining) == 7
    assert [a.target for a in p.actions[1:]] == ["pp6", "whole"]
    assert not report.warnings


def test_a77_388_vote_without_abstentions_and_without_their_list() -> None:
    """A sentence that gives no abstentions ("by a recorded vote of 160 to 4.") and prints no Abstaining
    list: a count of none and an empty list, not a warning."""
    text = _text(RAW[388])
    sentence = (
        "(b) The sixth preambular paragraph was retained by a recorded vote of 160 to\n4, with 7 abstentions."
    )
    start, end = text.index(sentence), text.index("(c) Draft resolution A/C.1/77/L.2, as a whole")
    vote = text[start:end]
    vote = vote[: vote.rindex("Abstaining:")].replace("160 to\n4, with 7 abstentions.", "160 to\n4.")
    report = parse_report(text[:start] + vote + text[end:], "A-77-388-variant.txt")
    pp6 = _action(report.proposals[0], "pp6")
    assert (_tally(pp6), len(pp6.in_favour), len(pp6.against), pp6.abstaining) == ((160, 4, 0), 160, 4, ())
    assert not report.warnings


def test_a77_387_rejected_amendment_separate_vote_and_lead_in_note() -> None:
    l25, l21 = _load(RAW[387]).proposals
    assert [(a.target, a.outcome, _tally(a)) for a in l25.actions] == [
        ("amendment", "rejected", (30, 57, 61)),
        ("op5", "retained", (101, 6, 46)),
        ("whole", "adopted", (157, 0, 12)),
    ]
    amendment = l25.actions[0]
    assert (amendment.amends, amendment.proposed_by) == ("op5", "Russian Federation")
    assert amendment.amendment_text == (
        "to add the words “on the agenda items of the Conference on Disarmament” after the word “discussions”"
    )
    # "rejected … by a recorded vote of 57 to 30": the lists' headings say 30 in favour, 57 against.
    assert (
        amendment.in_favour is not None
        and len(amendment.in_favour) == 30
        and "Russian Federation" in (amendment.in_favour)
    )
    assert amendment.against is not None and "Greece" in amendment.against  # printed "Greec e"
    whole = _action(l25, "whole")
    assert whole.against == ()
    assert whole.in_favour is not None and {"Timor-Leste", "Mauritius"} <= set(whole.in_favour)
    # Footnote 2 sits on the lead-in "voted on draft resolution A/C.1/77/L.25 as follows: 2".
    assert [(n.state, n.intended, n.target) for n in l25.notes] == [("Kenya", "abstain", None)]
    assert (l25.submitted_by, l25.sponsors, l25.recommended_as) == (
        "Ecuador",
        ("Ecuador",),
        "Draft resolution I",
    )
    assert [(a.target, a.method) for a in l21.actions] == [("whole", "without a vote")]
    assert (l21.submitted_by, l21.recommended_as) == ("South Africa", "Draft resolution II")


def test_a77_387_shifts_leave_the_amendment_out() -> None:
    shifts = vote_shifts(_load(RAW[387]).proposals[0])
    assert shifts["Austria"] == {"op5": "in favour", "whole": "abstain"}
    assert shifts["South Africa"] == {"op5": "against", "whole": "abstain"}
    assert "Albania" not in shifts  # against the amendment, in favour of op5 and of the whole
    assert all(set(votes) <= {"op5", "whole"} for votes in shifts.values())


def test_a77_386_eight_proposals_oral_revision_and_belarus_note() -> None:
    proposals = _load(RAW[386]).proposals
    assert [p.symbol for p in proposals] == [f"A/C.1/77/L.{n}" for n in (32, 57, 31, 44, 37, 28, 20, 9)]
    numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert [p.recommended_as for p in proposals] == [f"Draft resolution {n}" for n in numerals]
    assert [p.symbol for p in proposals if p.oral_revision] == ["A/C.1/77/L.28"]
    assert [p.symbol for p in proposals if p.actions[0].method == "without a vote"] == [
        f"A/C.1/77/L.{n}" for n in (32, 31, 44, 37, 28, 20, 9)
    ]
    l57 = proposals[1]
    assert [(a.target, a.outcome, _tally(a)) for a in l57.actions] == [("whole", "adopted", (118, 50, 14))]
    against = _action(l57, "whole").against
    # The footnote block and page furniture are printed between "Romania," and "San Marino".
    assert against is not None and against[against.index("Romania") + 1] == "San Marino"
    assert [(n.state, n.intended, n.target) for n in l57.notes] == [("Belarus", "abstain", "whole")]
    assert l57.sponsors == (
        "Bangladesh",
        "India",
        "Iran (Islamic Republic of)",
        "Nicaragua",
        "Venezuela (Bolivarian Republic of)",
        "Viet Nam",
    )
    assert l57.joined == (
        "Afghanistan",
        "Bhutan",
        "Bolivia (Plurinational State of)",
        "Indonesia",
        "Kazakhstan",
        "Kiribati",
        "Lao People's Democratic Republic",
        "Maldives",
        "Mauritius",
        "Myanmar",
        "Nepal",
        "Sri Lanka",
    )


def test_a77_386_sponsor_list_interrupted_by_a_footnote_block() -> None:
    l32 = _proposal(RAW[386], "A/C.1/77/L.32")
    assert l32.submitted_by == "Nigeria"
    assert l32.sponsors == (
        "Albania",
        "Algeria",
        "Austria",
        "Belgium",
        "Croatia",
        "Czechia",
        "Denmark",
        "Estonia",
        "Finland",
        "France",
        "Greece",
        "Guatemala",
        "Hungary",
        "Iran (Islamic Republic of)",
        "Italy",
        "Japan",
        "Latvia",
        "Lithuania",
        "Luxembourg",
        "Malta",
        "Mongolia",
        "Netherlands",
        "Nigeria",
        "Norway",
        "Philippines",
        "Poland",
        "Portugal",
        "Republic of Moldova",
        "Romania",
        "Slovakia",
        "Slovenia",
        "Spain",
        "Sweden",
        "Switzerland",
        "United States of America",
    )
    assert l32.title == "United Nations disarmament fellowship, training and advisory services"
    assert (
        _proposal(RAW[386], "A/C.1/77/L.9").title
        == "United Nations regional centres for peace and disarmament"
    )


def test_a77_386_group_sponsors() -> None:
    l31 = _proposal(RAW[386], "A/C.1/77/L.31")
    assert l31.sponsors == (
        "States Members of the United Nations that are members of the Group of African States",
        "Australia",
        "Austria",
        "Italy",
        "Portugal",
    )
    l9 = _proposal(RAW[386], "A/C.1/77/L.9")
    assert l9.sponsors == (
        "States Members of the United Nations that are members of the Movement of Non-Aligned Countries",
    )
    assert l9.submitted_by == "Indonesia"


def test_a77_377_group_sponsor_as_well_as_states() -> None:
    (p,) = _load(RAW[377]).proposals
    assert p.submitted_by == "Nigeria"
    assert p.sponsors == (
        "States Members of the United Nations that are members of the Group of African States",
        "Australia",
        "Austria",
        "Italy",
        "Kazakhstan",
        "Kyrgyzstan",
        "Malta",
        "Mexico",
        "Nicaragua",
        "Türkiye",
    )
    assert p.joined == ("Portugal", "Republic of Moldova")
    assert [(a.target, a.outcome, a.method) for a in p.actions] == [("whole", "adopted", "without a vote")]
    assert (p.recommended_as, p.oral_revision, p.notes) == ("Draft resolution", False, ())


# --------------------------------------------------------------------------------------------------
# JSON and text


def test_json_follows_the_votes_contract() -> None:
    data = report_to_dict(_load(SEED))
    assert list(data)[:2] == ["schema_version", "proposals"]
    assert data["schema_version"] == 1
    contract = [
        "symbol",
        "kind",
        "title",
        "submitted_by",
        "sponsors",
        "joined",
        "recommended_as",
        "actions",
        "notes",
    ]
    counts = ["yes", "no", "abstain", "in_favour", "against", "abstaining"]
    for proposal in data["proposals"]:
        assert list(proposal)[: len(contract)] == contract
        for note in proposal["notes"]:
            assert list(note)[:3] == ["state", "intended", "target"]
        for action in proposal["actions"]:
            assert list(action)[:3] == ["target", "outcome", "method"]
            if action["method"] == "recorded vote":
                assert list(action)[3:9] == counts
            else:
                # Without a vote: counts and lists absent (DESIGN.md), textdiff's own fields follow.
                assert not set(counts) & set(action)
                assert list(action)[3] == "words"
    l23 = data["proposals"][0]
    assert l23["actions"][0]["target"] == "pp2"
    assert (l23["actions"][0]["yes"], l23["actions"][0]["no"], l23["actions"][0]["abstain"]) == (103, 53, 8)
    assert l23["actions"][0]["in_favour"][0] == "Algeria"
    assert l23["notes"] == [{"state": "South Sudan", "intended": "in favour", "target": "whole", "line": 97}]
    assert l23["shifts"]["India"]["pp2"] == "against"
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_json_of_lead_in_note_has_null_target() -> None:
    data = report_to_dict(_load(RAW[387]))
    assert data["proposals"][0]["notes"][0]["target"] is None
    assert data["proposals"][0]["actions"][0]["amends"] == "op5"
    assert data["symbol"] == "A/77/387" and data["warnings"] == []


def test_text_rendering_uses_en_dash_tallies() -> None:
    text = format_report_text(_load(SEED))
    assert "103–53–8" in text and "112–52–10" in text and "157–6–14" in text
    assert "A/C.1/77/L.54 (draft decision) → Draft decision" in text
    assert "South Sudan intended to vote in favour (whole)" in text
    assert "India: pp2 against, pp4 abstain, pp7 in favour, whole in favour" in text
    assert "Warnings" not in text


# --------------------------------------------------------------------------------------------------
# Inconsistent and bad input


def test_a_wrong_tally_is_a_warning_never_a_correction() -> None:
    text = _text(SEED).replace(
        "recorded vote of 103 to 53, with 8 abstentions", "recorded vote of 104 to 53, with 8 abstentions"
    )
    report = parse_report(text, "edited.txt")
    pp2 = _action(report.proposals[0], "pp2")
    assert _tally(pp2) == (104, 53, 8)
    assert pp2.in_favour is not None and len(pp2.in_favour) == 103
    line = _line_of(SEED, "The second preambular paragraph was retained")
    assert len(pp2.warnings) == 1
    assert pp2.warnings[0].startswith(f"edited.txt:{line}:")
    assert "104" in pp2.warnings[0] and "103" in pp2.warnings[0]
    assert report.warnings == pp2.warnings


def test_a_wrong_abstention_count_in_a_raw_report_is_a_warning() -> None:
    text = _text(RAW[391]).replace(
        "vote of 179 to 1, with 5 abstentions", "vote of 179 to 1, with 6 abstentions"
    )
    report = parse_report(text, "A-77-391.txt")
    whole = _action(report.proposals[0], "whole")
    assert whole.abstain == 6
    assert [w for w in report.warnings if "abstain" in w] == list(whole.warnings)
    assert whole.warnings[0].startswith(f"A-77-391.txt:{_line_of(RAW[391], '(f) Draft resolution')}:")


def test_list_headings_decide_who_voted_how() -> None:
    # Written with the minority first, the tally still matches the lists read the other way round.
    text = _text(RAW[387]).replace("of 57 to 30, with 61 abstentions", "of 30 to 57, with 61 abstentions")
    amendment = parse_report(text, "x.txt").proposals[0].actions[0]
    assert (_tally(amendment), amendment.warnings) == ((30, 57, 61), ())


def test_an_unknown_name_is_reported_with_its_line_never_dropped_silently() -> None:
    text = _text(RAW[387]).replace("Greec e,", "Greecia,")
    report = parse_report(text, "x.txt")
    amendment = report.proposals[0].actions[0]
    assert amendment.against is not None and len(amendment.against) == 56
    line = _line_of(RAW[387], "Greec e")
    assert any(w.startswith(f"x.txt:{line}:") and "'Greecia'" in w for w in amendment.warnings)
    assert any("57" in w and "56" in w for w in amendment.warnings)
    sponsors = parse_report(
        _text(SEED).replace(
            "on behalf of Azerbaijan, Belarus,", "on behalf of Azerbaijan, Atlantis, Belarus,"
        ),
        "s.txt",
    )
    assert any("'Atlantis'" in w and "sponsors" in w for w in sponsors.warnings)
    assert sponsors.proposals[0].sponsors[:2] == ("Azerbaijan", "Belarus")


def test_footnote_text_left_inside_a_list_is_neither_a_name_nor_lost() -> None:
    # As if the layout pass had missed the footnote block: its text sits inside the In favour list.
    text = _text(RAW[388])
    block = text[text.index("__________________\n2\n") : text.index("Republic, Lebanon, Lesotho, Libya")]
    assert "Rwanda" in block and "3/7" in block
    footnote = (
        "The delegation of Rwanda subsequently informed the Secretariat\nthat it had intended to abstain.\n"
    )
    edited = text.replace(block, footnote)
    report = parse_report(edited, "x.txt")
    (p,) = report.proposals
    assert [_tally(a) for a in p.actions] == [(164, 4, 7), (160, 4, 7), (152, 5, 24)]
    whole = _action(p, "whole")
    assert whole.in_favour is not None and len(whole.in_favour) == 152
    assert [(n.state, n.intended) for n in p.notes] == [("Rwanda", "abstain")]
    assert [w for w in report.warnings if "no known marker" in w] == list(report.warnings)
    assert len(report.warnings) == 1


SYNTHETIC = """II. Consideration of proposals
A. Draft resolution A/C.3/77/L.40/Rev.1
5. On 3 October, the delegations of Chile and Peru, on behalf of Chile, Fiji and Peru, submitted a draft
resolution entitled "Peace and quiet" (A/C.3/77/L.40/Rev.1). Subsequently, Cuba and Trinidad and Tobago
joined in sponsoring the draft resolution.
6. At its 40th meeting, on 9 November, the Committee voted on draft resolution A/C.3/77/L.40/Rev.1 as follows:
(a) The words “and universal” in operative paragraph 3 were retained by a recorded vote of 2 to 1, with
1 abstention. The voting was as follows:
In favour:
Chile, Peru.
Against:
Cuba.
Abstaining:
Fiji.
(b) Operative paragraph 7 was deleted by a recorded vote of 2 to 1, with no abstentions. The voting was as
follows:
In favour: Chile.
Against: Cuba, Peru.
Abstaining: None.
(c) The fifth and sixth preambular paragraphs were retained by a vote of 90 to 2, with 3 abstentions.
(d) Operative paragraph 9 was not retained by a vote of 80 to 60, with 3 abstentions.
(e) Draft resolution A/C.3/77/L.40/Rev.1, as a whole, as orally revised, was adopted without a vote (see
para. 9).
B. Draft decision A/C.3/77/L.41
7. On 4 October, the Chair submitted a draft decision entitled “Work” (A/C.3/77/L.41).
8. The Committee rejected draft decision A/C.3/77/L.41 by a recorded vote of 2 to 1, with 0 abstentions.
The voting was as follows:
In favour:
Fiji.
Against:
Chile, Peru.
Abstaining:
None.
III. Recommendations of the Third Committee
"""


def test_words_deletions_combined_paragraphs_and_non_recorded_votes() -> None:
    report = parse_report(SYNTHETIC, "syn.txt")
    assert report.warnings == ()
    l40, l41 = report.proposals
    assert [(a.target, a.outcome, a.method, _tally(a), a.words) for a in l40.actions] == [
        ("op3", "retained", "recorded vote", (2, 1, 1), "and universal"),
        # Deleted: the vote on keeping it was lost, so the first number is the Against count.
        ("op7", "deleted", "recorded vote", (1, 2, 0), None),
        ("pp5+pp6", "retained", "vote", (90, 2, 3), None),
        # No lists to go by: the outcome alone says that 80 is the Against count.
        ("op9", "deleted", "vote", (60, 80, 3), None),
        ("whole", "adopted", "without a vote", (None, None, None), None),
    ]
    assert (l40.submitters, l40.sponsors, l40.joined) == (
        ("Chile", "Peru"),
        ("Chile", "Fiji", "Peru"),
        ("Cuba", "Trinidad and Tobago"),
    )
    assert (l40.oral_revision, l40.recommended_as, l40.title) == (True, "Draft resolution", "Peace and quiet")
    assert vote_shifts(l40) == {"Peru": {"op3 (words)": "in favour", "op7": "against"}}
    assert [(a.target, a.outcome, _tally(a)) for a in l41.actions] == [("whole", "rejected", (1, 2, 0))]
    assert (l41.submitted_by, l41.sponsors, l41.recommended_as) == ("Chair", (), None)
    data = report_to_dict(report)
    non_recorded = data["proposals"][0]["actions"][2]
    assert list(non_recorded)[:6] == ["target", "outcome", "method", "yes", "no", "abstain"]
    assert "in_favour" not in non_recorded


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n",
        "lorem ipsum dolor sit amet\n",
        "The General Assembly,\n\n1. Decides to act.\n",
        "II. Consideration of proposals\nNothing was considered.\n",
    ],
    ids=["empty", "blank", "prose", "resolution", "no-heading"],
)
def test_text_that_is_no_report_gives_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_report(text, "bad.txt")
    assert str(info.value).startswith("bad.txt")


def test_unreadable_files_give_an_input_error(tmp_path: Path) -> None:
    binary = tmp_path / "report.txt"
    binary.write_bytes(b"\x00\x01\x02\x03binary\x00\x10" * 50)
    with pytest.raises(InputError):
        load_report(str(binary))
    with pytest.raises(InputError):
        load_report(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError):
        load_report(str(tmp_path))


def test_cut_up_reports_never_crash() -> None:
    # Any slice of a real report either parses or raises ParseError, whatever it cuts through.
    rng = random.Random(380)
    for path in (SEED, RAW[387], RAW[391]):
        text = _text(path)
        for _ in range(40):
            a, b = sorted(rng.randrange(len(text)) for _ in range(2))
            try:
                report = parse_report(text[a:b], "cut.txt")
            except ParseError:
                continue
            for p in report.proposals:
                assert p.symbol
                report_to_dict(report)
                format_report_text(report)
