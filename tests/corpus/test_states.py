"""Tests of corpus.states: the table of States, name repair, and every recorded vote in the shared reports."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from corpus.states import (
    MEMBER_STATES,
    OBSERVER_STATES,
    STATE_VARIANTS,
    StateList,
    canonical_state,
    split_state_list,
    state_key,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REPORTS = SHARED / "corpus" / "reports"
SEED = SHARED / "seeds" / "000_6db899aef984dde3.txt"

# --------------------------------------------------------------------------------------------------
# The table


def test_there_are_193_member_states_without_duplicates() -> None:
    assert len(MEMBER_STATES) == 193
    assert len(set(MEMBER_STATES)) == 193
    assert not set(MEMBER_STATES) & set(OBSERVER_STATES)
    assert OBSERVER_STATES == ("Holy See", "State of Palestine")


def test_member_states_are_in_un_alphabetical_order() -> None:
    # UN order ignores accents: "Côte d'Ivoire" after "Costa Rica", "Türkiye" before "Turkmenistan".
    assert list(MEMBER_STATES) == sorted(MEMBER_STATES, key=state_key)
    assert MEMBER_STATES.index("Côte d'Ivoire") == MEMBER_STATES.index("Costa Rica") + 1
    assert MEMBER_STATES.index("Türkiye") == MEMBER_STATES.index("Turkmenistan") - 1


def test_canonical_names_use_straight_apostrophes_and_no_article() -> None:
    for name in (*MEMBER_STATES, *OBSERVER_STATES):
        assert "\u2019" not in name, name
        assert not name.lower().startswith("the "), name
        assert name == name.strip() and "  " not in name, name


def test_normalised_keys_never_collide_between_states() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for name in (*MEMBER_STATES, *OBSERVER_STATES):
        owners[state_key(name)].add(name)
    for variant, state in STATE_VARIANTS.items():
        assert state in MEMBER_STATES or state in OBSERVER_STATES, variant
        owners[state_key(variant)].add(state)
    collisions = {key: states for key, states in owners.items() if len(states) > 1}
    assert collisions == {}
    assert "" not in owners
    # The canonical keys alone are one per State.
    assert len({state_key(name) for name in (*MEMBER_STATES, *OBSERVER_STATES)}) == 195


@pytest.mark.parametrize(
    ("similar", "other"),
    [
        ("Guinea", "Guinea-Bissau"),
        ("Guinea", "Equatorial Guinea"),
        ("Guinea", "Papua New Guinea"),
        ("Niger", "Nigeria"),
        ("Congo", "Democratic Republic of the Congo"),
        ("Dominica", "Dominican Republic"),
        ("Sudan", "South Sudan"),
        ("Republic of Korea", "Democratic People's Republic of Korea"),
    ],
)
def test_similar_names_stay_apart(similar: str, other: str) -> None:
    assert canonical_state(similar) == similar
    assert canonical_state(other) == other
    assert state_key(similar) != state_key(other)


# --------------------------------------------------------------------------------------------------
# canonical_state


def test_every_canonical_name_and_variant_maps_to_its_state() -> None:
    for name in (*MEMBER_STATES, *OBSERVER_STATES):
        assert canonical_state(name) == name
        assert canonical_state(name.upper()) == name
        assert canonical_state("the " + name) == name
    for variant, state in STATE_VARIANTS.items():
        assert canonical_state(variant) == state, variant


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        # Stray spaces inside words (PDF extraction).
        ("N epal", "Nepal"),
        ("Ro mania", "Romania"),
        ("Saudi Ara bia", "Saudi Arabia"),
        ("Leb anon", "Lebanon"),
        ("Greec e", "Greece"),
        ("Ke nya", "Kenya"),
        ("Domini ca", "Dominica"),
        ("Mauriti us", "Mauritius"),
        # Hyphens lost or turned into spaces.
        ("GuineaBissau", "Guinea-Bissau"),
        ("Guinea Bissau", "Guinea-Bissau"),
        ("TimorLeste", "Timor-Leste"),
        ("Timor Leste", "Timor-Leste"),
        # Apostrophes.
        ("Côte d’Ivoire", "Côte d'Ivoire"),
        ("Côte d'Ivoire", "Côte d'Ivoire"),
        ("Cote d'Ivoire", "Côte d'Ivoire"),
        ("Lao People’s Democratic Republic", "Lao People's Democratic Republic"),
        # Leading article, any case.
        ("the Democratic People's Republic of Korea", "Democratic People's Republic of Korea"),
        ("the Democratic People’s Republic of Korea", "Democratic People's Republic of Korea"),
        ("the Netherlands", "Netherlands"),
        ("The Netherlands", "Netherlands"),
        ("the Sudan", "Sudan"),
        ("THE SUDAN", "Sudan"),
        ("the\nRepublic of Moldova", "Republic of Moldova"),
        # Line-wrapped and non-breaking spaces.
        ("Bosnia and\nHerzegovina", "Bosnia and Herzegovina"),
        ("Iran (Islamic Republic\nof)", "Iran (Islamic Republic of)"),
        ("Micronesia (Federated\nStates of)", "Micronesia (Federated States of)"),
        (
            "United Kingdom of Great\nBritain and Northern Ireland",
            "United Kingdom of Great Britain and Northern Ireland",
        ),
        ("Sri\u00a0Lanka", "Sri Lanka"),
        ("  Viet Nam  ", "Viet Nam"),
        ("Vietnam", "Viet Nam"),
        # Former and long names.
        ("Türkiye", "Türkiye"),
        ("Turkiye", "Türkiye"),
        ("Turkey", "Türkiye"),
        ("Czechia", "Czechia"),
        ("Czech Republic", "Czechia"),
        ("North Macedonia", "North Macedonia"),
        ("The former Yugoslav Republic of Macedonia", "North Macedonia"),
        ("the former Yugoslav Republic of Macedonia", "North Macedonia"),
        ("Eswatini", "Eswatini"),
        ("Swaziland", "Eswatini"),
        ("Cabo Verde", "Cabo Verde"),
        ("Cape Verde", "Cabo Verde"),
        ("Netherlands (Kingdom of the)", "Netherlands"),
        ("Sao Tome and Principe", "Sao Tome and Principe"),
        ("São Tomé and Príncipe", "Sao Tome and Principe"),
        # Observer States.
        ("State of Palestine", "State of Palestine"),
        ("Holy See", "Holy See"),
    ],
)
def test_printed_variants_map_to_canonical_name(printed: str, expected: str) -> None:
    assert canonical_state(printed) == expected


@pytest.mark.parametrize("date", [None, "2021-12-06", "2022-06-01", "2023-12-04"])
def test_turkey_maps_to_turkiye_whatever_the_date(date: str | None) -> None:
    assert canonical_state("Turkey", date) == "Türkiye"
    assert canonical_state("Türkiye", date) == "Türkiye"


@pytest.mark.parametrize(
    "junk",
    [
        "Atlantis",
        "A/C.1/77/PV.25",
        "",
        "   ",
        "the",
        "None",
        "Korea",
        "22-25299 (E)",
        "3/7",
        "Guinea Atlantis",
    ],
)
def test_unknown_names_give_none(junk: str) -> None:
    assert canonical_state(junk) is None


# --------------------------------------------------------------------------------------------------
# split_state_list


def test_split_keeps_order_and_repairs_names() -> None:
    text = (
        "Albania, Bosnia and\nHerzegovina, Côte d’Ivoire, Guinea Bissau, Iran (Islamic Republic\n"
        "of), Micronesia (Federated\nStates of), N epal, TimorLeste, Australia , Türkiye.\n"
    )
    assert split_state_list(text) == (
        [
            "Albania",
            "Bosnia and Herzegovina",
            "Côte d'Ivoire",
            "Guinea-Bissau",
            "Iran (Islamic Republic of)",
            "Micronesia (Federated States of)",
            "Nepal",
            "Timor-Leste",
            "Australia",
            "Türkiye",
        ],
        [],
    )


def test_split_returns_a_named_pair() -> None:
    result = split_state_list("Chile, Atlantis")
    assert isinstance(result, StateList)
    states, unknown = result
    assert (states, unknown) == (result.states, result.unknown) == (["Chile"], ["Atlantis"])


def test_split_reports_unknown_fragments_in_order_and_never_drops_them() -> None:
    states, unknown = split_state_list("Chile, Atlantis,\nChina, A/C.1/77/PV.25,\n22-25299 (E), Cuba.")
    assert states == ["Chile", "China", "Cuba"]
    assert unknown == ["Atlantis", "A/C.1/77/PV.25", "22-25299 (E)"]


def test_split_ignores_blank_lines_and_stray_separators() -> None:
    states, unknown = split_state_list("\n\nAndorra,\n\n\nAngola,\u00a0Antigua and\n\nBarbuda,\n\n")
    assert states == ["Andorra", "Angola", "Antigua and Barbuda"]
    assert unknown == []


def test_split_none_is_an_empty_list() -> None:
    assert split_state_list("None.") == ([], [])
    assert split_state_list("None") == ([], [])
    assert split_state_list("") == ([], [])
    assert split_state_list("Chile, None") == (["Chile"], ["None"])


def test_split_joins_a_fragment_with_the_next_only_when_that_helps() -> None:
    # A stray comma inside a name: neither half is a State, the two together are.
    assert split_state_list("Chile, Democratic Republic of the, Congo, Cuba") == (
        ["Chile", "Democratic Republic of the Congo", "Cuba"],
        [],
    )
    # "Congo" alone is a State, so it is not glued to what precedes it when that is junk.
    assert split_state_list("Atlantis, Congo") == (["Congo"], ["Atlantis"])


def test_split_handles_a_final_and_as_in_sponsor_lists() -> None:
    text = (
        "Ukraine, the United Kingdom of Great Britain and Northern Ireland and the United States of\nAmerica"
    )
    assert split_state_list(text) == (
        ["Ukraine", "United Kingdom of Great Britain and Northern Ireland", "United States of America"],
        [],
    )
    assert split_state_list("Chile, Trinidad and Tobago, and Zambia") == (
        ["Chile", "Trinidad and Tobago", "Zambia"],
        [],
    )
    # "and" inside an unknown fragment does not make it known.
    assert split_state_list("Chile and Atlantis") == ([], ["Chile and Atlantis"])


def test_split_leaves_names_with_and_whole() -> None:
    names = [name for name in MEMBER_STATES if " and " in name]
    assert len(names) == 7
    assert split_state_list(", ".join(names)) == (names, [])


def test_split_the_whole_table_round_trips() -> None:
    text = ",\n".join(name.replace(" ", "\n", 1) for name in (*MEMBER_STATES, *OBSERVER_STATES)) + "."
    assert split_state_list(text) == ([*MEMBER_STATES, *OBSERVER_STATES], [])


# --------------------------------------------------------------------------------------------------
# Every recorded vote in the shared reports.
#
# A deliberately simple extraction (the real report parser lives elsewhere): drop page furniture and
# footnote blocks line by line, find each "by a recorded vote of N to N, with N abstentions" sentence,
# and take the lists under the headings that follow it.

_HEADINGS = {"In favour": "yes", "Against": "no", "Abstaining": "abstain", "Abstentions": "abstain"}
_HEADING = re.compile(r"^(In favour|Against|Abstaining|Abstentions):\s*$", re.MULTILINE)
_TALLY = re.compile(
    r"recorded\s+vote\s+of\s+(\d+)\s+to\s+(\d+|none),\s+with\s+(\d+|no)\s+abstentions?", re.IGNORECASE
)
# A line that starts something other than a list: "(b) ...", "8.", "10. At its ...", "B.", "III. ...".
_NEW_ITEM = re.compile(r"^(\([a-z]\)|\d+\.|[A-Z]\.|[IVX]+\.)(\s|$)")
_FURNITURE = [
    re.compile(r"^A/\d+/\d+(/\S+)?$"),  # document symbol, the header of every page
    re.compile(r"^\d{2}-\d{5}(\s+\(E\))?$"),  # job number
    re.compile(r"^\d{6}$"),  # print date
    re.compile(r"^\*\d+\*$"),  # barcode
    re.compile(r"^\d+/\d+$"),  # page number
    re.compile(r"^\d{1,2}$"),  # footnote number on its own line
    re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s"),  # footnote in the seed's markdown-like form
]
_FOOTNOTE_RULE = re.compile(r"^_{5,}$")
_PAGE_HEADER = re.compile(r"^A/\d+/\d+$")


@dataclass(frozen=True)
class _Vote:
    where: str
    expected: dict[str, int]
    lists: dict[str, str]


def _strip_furniture(text: str) -> str:
    kept: list[str] = []
    in_footnotes = False
    for raw in text.splitlines():
        line = raw.strip()
        if _FOOTNOTE_RULE.match(line):
            # In pdftotext output the footnote block runs from the rule to the next page's header.
            in_footnotes = True
            continue
        if in_footnotes:
            in_footnotes = not _PAGE_HEADER.match(line)
            continue
        if any(pattern.match(line) for pattern in _FURNITURE):
            continue
        kept.append(line)
    return "\n".join(kept)


def _votes(path: Path) -> list[_Vote]:
    text = _strip_furniture(path.read_text(encoding="utf-8"))
    tallies = list(_TALLY.finditer(text))
    votes = []
    for number, tally in enumerate(tallies):
        end = tallies[number + 1].start() if number + 1 < len(tallies) else len(text)
        first, second, abstain = (0 if n.lower() in {"none", "no"} else int(n) for n in tally.groups())
        sentence = re.split(r"\.\s", text[: tally.start()])[-1]
        # A rejected amendment is reported "by a recorded vote of <against> to <in favour>".
        yes, no = (second, first) if "rejected" in sentence else (first, second)
        headings = list(_HEADING.finditer(text, tally.end(), end))
        lists = {}
        for index, heading in enumerate(headings):
            stop = headings[index + 1].start() if index + 1 < len(headings) else end
            lines = []
            for line in text[heading.end() : stop].splitlines():
                if _NEW_ITEM.match(line):
                    break
                lines.append(line)
                if line.endswith("."):
                    break
            lists[_HEADINGS[heading.group(1)]] = "\n".join(lines)
        where = f"{path.name}:{text.count(chr(10), 0, tally.start()) + 1}"
        votes.append(_Vote(where, {"yes": yes, "no": no, "abstain": abstain}, lists))
    return votes


# Recorded votes per file, from SOURCES.md: the extraction must find all of them, not just some.
_EXPECTED_VOTES = {
    "A-77-377.txt": 0,
    "A-77-386.txt": 1,
    "A-77-387.txt": 3,
    "A-77-388.txt": 3,
    "A-77-391.txt": 6,
    SEED.name: 5,
}


def _sources() -> list[Path]:
    if not SHARED.is_dir():
        return []
    return sorted(REPORTS.glob("*.txt")) + ([SEED] if SEED.is_file() else [])


_NO_SHARED = pytest.param(None, marks=pytest.mark.skip(reason=f"shared data directory {SHARED} is absent"))


@pytest.mark.parametrize("path", _sources() or [_NO_SHARED], ids=lambda p: getattr(p, "name", "none"))
def test_every_name_in_every_recorded_vote_is_a_member_state(path: Path) -> None:
    votes = _votes(path)
    if path.name in _EXPECTED_VOTES:
        assert len(votes) == _EXPECTED_VOTES[path.name]
    order = {name: index for index, name in enumerate(MEMBER_STATES)}
    for vote in votes:
        assert set(vote.lists) == {"yes", "no", "abstain"}, vote.where
        seen: set[str] = set()
        for column, text in vote.lists.items():
            states, unknown = split_state_list(text)
            assert unknown == [], f"{vote.where} {column}"
            assert len(states) == vote.expected[column], f"{vote.where} {column}"
            assert all(state in order for state in states), f"{vote.where} {column}: observer voted"
            # The Secretariat prints every list in alphabetical order, so an out-of-order name means a
            # mismatch between the table's order and the UN's, or a fragment matched to the wrong State.
            assert states == sorted(states, key=order.__getitem__), f"{vote.where} {column}"
            assert not seen & set(states), f"{vote.where}: a State in two lists"
            seen |= set(states)


def test_at_least_twenty_lists_are_checked() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"shared data directory {SHARED} is absent")
    lists = sum(len(vote.lists) for path in _sources() for vote in _votes(path))
    assert lists >= 20
