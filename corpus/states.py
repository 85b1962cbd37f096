"""Canonical names of UN Member and observer States, and repair of State names as printed in voting lists.

Names are matched on a normalised key, so PDF extraction damage ("N epal", "GuineaBissau"), curly
apostrophes, a leading "the" and former names ("Swaziland", "Turkey") all resolve to one canonical name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import NamedTuple

__all__ = [
    "MEMBER_STATES",
    "OBSERVER_STATES",
    "STATE_VARIANTS",
    "StateList",
    "canonical_state",
    "split_state_list",
    "state_key",
]

_LEADING_THE = re.compile(r"^\s*the\s+")


def state_key(name: str) -> str:
    """Return the matching key of a State name: what survives every known extraction artefact.

    The key is the name without accents, case, a leading "the" and everything that is not a letter, so
    that spaces or hyphens inserted or lost by PDF extraction, line breaks and apostrophe styles do not
    matter. Two different States never share a key (the test suite checks this).

    Args:
        name: A State name as printed.

    Returns:
        The key; empty if the name holds no letters.

    >>> state_key("the Democratic People’s Republic of\\nKorea")
    'democraticpeoplesrepublicofkorea'
    >>> state_key("Guinea Bissau") == state_key("Guinea-Bissau") == state_key("GuineaBissau")
    True
    """
    # NFKD splits "ü" into "u" + combining diaeresis and maps compatibility forms (non-breaking space,
    # ligatures, full-width letters) to plain ones; dropping the marks lets "Turkiye" match "Türkiye".
    text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    text = text.casefold()
    # UN prose writes "the Sudan", "the Netherlands" while voting lists write "Sudan": the article is
    # never part of a canonical short name, so it can go before the letters are squeezed together.
    text = _LEADING_THE.sub("", text)
    return "".join(c for c in text if c.isalpha())


# The 193 Member States under the short names the Secretariat prints in recorded-vote lists, in the
# order of those lists (alphabetical, accents ignored: "Côte d'Ivoire" after "Costa Rica").
MEMBER_STATES: tuple[str, ...] = (
    "Afghanistan",
    "Albania",
    "Algeria",
    "Andorra",
    "Angola",
    "Antigua and Barbuda",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bahamas",
    "Bahrain",
    "Bangladesh",
    "Barbados",
    "Belarus",
    "Belgium",
    "Belize",
    "Benin",
    "Bhutan",
    "Bolivia (Plurinational State of)",
    "Bosnia and Herzegovina",
    "Botswana",
    "Brazil",
    "Brunei Darussalam",
    "Bulgaria",
    "Burkina Faso",
    "Burundi",
    "Cabo Verde",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Central African Republic",
    "Chad",
    "Chile",
    "China",
    "Colombia",
    "Comoros",
    "Congo",
    "Costa Rica",
    "Côte d'Ivoire",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Czechia",
    "Democratic People's Republic of Korea",
    "Democratic Republic of the Congo",
    "Denmark",
    "Djibouti",
    "Dominica",
    "Dominican Republic",
    "Ecuador",
    "Egypt",
    "El Salvador",
    "Equatorial Guinea",
    "Eritrea",
    "Estonia",
    "Eswatini",
    "Ethiopia",
    "Fiji",
    "Finland",
    "France",
    "Gabon",
    "Gambia",
    "Georgia",
    "Germany",
    "Ghana",
    "Greece",
    "Grenada",
    "Guatemala",
    "Guinea",
    "Guinea-Bissau",
    "Guyana",
    "Haiti",
    "Honduras",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran (Islamic Republic of)",
    "Iraq",
    "Ireland",
    "Israel",
    "Italy",
    "Jamaica",
    "Japan",
    "Jordan",
    "Kazakhstan",
    "Kenya",
    "Kiribati",
    "Kuwait",
    "Kyrgyzstan",
    "Lao People's Democratic Republic",
    "Latvia",
    "Lebanon",
    "Lesotho",
    "Liberia",
    "Libya",
    "Liechtenstein",
    "Lithuania",
    "Luxembourg",
    "Madagascar",
    "Malawi",
    "Malaysia",
    "Maldives",
    "Mali",
    "Malta",
    "Marshall Islands",
    "Mauritania",
    "Mauritius",
    "Mexico",
    "Micronesia (Federated States of)",
    "Monaco",
    "Mongolia",
    "Montenegro",
    "Morocco",
    "Mozambique",
    "Myanmar",
    "Namibia",
    "Nauru",
    "Nepal",
    # Printed "Netherlands (Kingdom of the)" since 2024; the short form stays canonical so that votes
    # from before and after the change compare equal (the long form is a variant below).
    "Netherlands",
    "New Zealand",
    "Nicaragua",
    "Niger",
    "Nigeria",
    "North Macedonia",
    "Norway",
    "Oman",
    "Pakistan",
    "Palau",
    "Panama",
    "Papua New Guinea",
    "Paraguay",
    "Peru",
    "Philippines",
    "Poland",
    "Portugal",
    "Qatar",
    "Republic of Korea",
    "Republic of Moldova",
    "Romania",
    "Russian Federation",
    "Rwanda",
    "Saint Kitts and Nevis",
    "Saint Lucia",
    "Saint Vincent and the Grenadines",
    "Samoa",
    "San Marino",
    # The UN's English short name carries no accents (unlike the Portuguese "São Tomé e Príncipe").
    "Sao Tome and Principe",
    "Saudi Arabia",
    "Senegal",
    "Serbia",
    "Seychelles",
    "Sierra Leone",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Solomon Islands",
    "Somalia",
    "South Africa",
    "South Sudan",
    "Spain",
    "Sri Lanka",
    "Sudan",
    "Suriname",
    "Sweden",
    "Switzerland",
    "Syrian Arab Republic",
    "Tajikistan",
    "Thailand",
    "Timor-Leste",
    "Togo",
    "Tonga",
    "Trinidad and Tobago",
    "Tunisia",
    "Türkiye",
    "Turkmenistan",
    "Tuvalu",
    "Uganda",
    "Ukraine",
    "United Arab Emirates",
    "United Kingdom of Great Britain and Northern Ireland",
    "United Republic of Tanzania",
    "United States of America",
    "Uruguay",
    "Uzbekistan",
    "Vanuatu",
    "Venezuela (Bolivarian Republic of)",
    "Viet Nam",
    "Yemen",
    "Zambia",
    "Zimbabwe",
)

# Non-member observer States: they take part in debates and may co-sponsor but never vote, so a name
# from this list inside a voting list means the list was cut wrongly.
OBSERVER_STATES: tuple[str, ...] = ("Holy See", "State of Palestine")

# Spellings that the key alone cannot bring back to the canonical name: former names (with the date
# the UN started using the new one), the UN's own long forms, and everyday short forms found in
# secondary sources. Abbreviations ("DPRK", "USA") and ambiguous forms ("Korea", "Congo (the)") are
# left out on purpose: a wrong State in a vote list is worse than an unknown fragment.
STATE_VARIANTS: Mapping[str, str] = MappingProxyType(
    {
        # Former names.
        "Burma": "Myanmar",  # 1989
        "Cape Verde": "Cabo Verde",  # 2013
        "Czech Republic": "Czechia",  # 2016 (short name registered with the UN)
        "East Timor": "Timor-Leste",  # 2002, on admission
        "Libyan Arab Jamahiriya": "Libya",  # 2011
        "Swaziland": "Eswatini",  # 2018
        "The former Yugoslav Republic of Macedonia": "North Macedonia",  # 2019
        "Turkey": "Türkiye",  # 1 June 2022
        "Western Samoa": "Samoa",  # 1997
        "Zaire": "Democratic Republic of the Congo",  # 1997
        # Long forms the UN itself prints.
        "Gambia (Republic of The)": "Gambia",
        "Kingdom of Eswatini": "Eswatini",
        "Kingdom of the Netherlands": "Netherlands",
        "Netherlands (Kingdom of the)": "Netherlands",
        "Republic of Türkiye": "Türkiye",
        # Everyday forms.
        "Bolivia": "Bolivia (Plurinational State of)",
        "Brunei": "Brunei Darussalam",
        "Democratic Republic of Congo": "Democratic Republic of the Congo",
        "Federated States of Micronesia": "Micronesia (Federated States of)",
        "Iran": "Iran (Islamic Republic of)",
        "Islamic Republic of Iran": "Iran (Islamic Republic of)",
        "Ivory Coast": "Côte d'Ivoire",
        "Laos": "Lao People's Democratic Republic",
        "Micronesia": "Micronesia (Federated States of)",
        "Moldova": "Republic of Moldova",
        "North Korea": "Democratic People's Republic of Korea",
        "Palestine": "State of Palestine",
        "Republic of the Congo": "Congo",
        "Russia": "Russian Federation",
        "South Korea": "Republic of Korea",
        "Syria": "Syrian Arab Republic",
        "Tanzania": "United Republic of Tanzania",
        "United Kingdom": "United Kingdom of Great Britain and Northern Ireland",
        "United States": "United States of America",
        "Venezuela": "Venezuela (Bolivarian Republic of)",
    }
)


def _build_index(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for spelling, state in pairs:
        key = state_key(spelling)
        if index.setdefault(key, state) != state:
            # A shared key would silently turn one State's vote into another's: refuse to load.
            raise ValueError(f"State names {index[key]!r} and {state!r} share the key {key!r}")
    return index


_INDEX = _build_index(
    [(name, name) for name in (*MEMBER_STATES, *OBSERVER_STATES)] + list(STATE_VARIANTS.items())
)


class StateList(NamedTuple):
    """The outcome of splitting one printed list of States: a 2-tuple, so it unpacks as one.

    Attributes:
        states: Canonical names, in the order printed.
        unknown: Fragments that match no State, in the order printed, whitespace collapsed.
    """

    states: list[str]
    unknown: list[str]


def canonical_state(name: str, date: str | None = None) -> str | None:
    """Return the canonical UN name of the State that `name` denotes, or None if it denotes none.

    Accepts the canonical name in any case, with or without a leading "the", with curly or straight
    apostrophes, stray spaces inside words, lost or extra hyphens and line breaks, as well as the former
    and alternative names in `STATE_VARIANTS`.

    Args:
        name: One State name as printed.
        date: ISO date ("YYYY-MM-DD") of the text the name comes from. Reserved for a display layer that
            may want period names; it does not change the result today: every former name maps to the
            current canonical one, so "Turkey" gives "Türkiye" even in a text from before 1 June 2022,
            and votes from different years compare equal.

    Returns:
        The canonical name (an item of `MEMBER_STATES` or `OBSERVER_STATES`), or None.

    >>> canonical_state("N epal"), canonical_state("the Sudan"), canonical_state("Côte d’Ivoire")
    ('Nepal', 'Sudan', "Côte d'Ivoire")
    >>> canonical_state("Turkey", date="2021-12-06")
    'Türkiye'
    >>> canonical_state("A/C.1/77/PV.25") is None
    True
    """
    del date  # Accepted for a stable signature; see the docstring.
    key = state_key(name)
    return _INDEX.get(key) if key else None


def split_state_list(text: str, date: str | None = None) -> StateList:
    """Split the printed text of one voting or sponsor list into canonical State names.

    Names are separated by commas (no UN short name contains one) and may be broken across lines.
    Each fragment is matched with `canonical_state`; a fragment that matches nothing is retried joined
    with the next fragment (a comma inside a name), then split at an " and " (the last two names of a
    sponsor list, "… Northern Ireland and United States of America"). What still matches nothing is
    returned in `unknown`, never dropped. A final "." and blank lines are ignored, and the list "None."
    is empty.

    Args:
        text: The list as printed, page furniture already removed.
        date: ISO date of the text, passed on to `canonical_state`.

    Returns:
        A `StateList` ``(states, unknown)``.

    >>> printed = "Bosnia and\\nHerzegovina, Iran (Islamic Republic\\nof), Ro mania, Atlantis."
    >>> states, unknown = split_state_list(printed)
    >>> states
    ['Bosnia and Herzegovina', 'Iran (Islamic Republic of)', 'Romania']
    >>> unknown
    ['Atlantis']
    >>> split_state_list("None.")
    StateList(states=[], unknown=[])
    """
    # Steps: fold compatibility characters (non-breaking spaces, full-width commas) so that splitting
    # sees plain commas; cut at commas; tidy each fragment; match, with the two fallbacks above.
    text = unicodedata.normalize("NFKC", text)
    fragments = [" ".join(part.split()).strip(" .;:") for part in text.split(",")]
    fragments = [fragment for fragment in fragments if fragment]
    states: list[str] = []
    unknown: list[str] = []
    if len(fragments) == 1 and fragments[0].casefold() == "none":
        return StateList(states, unknown)
    i = 0
    while i < len(fragments):
        fragment = fragments[i]
        state = canonical_state(fragment, date)
        if state is not None:
            states.append(state)
            i += 1
            continue
        if i + 1 < len(fragments):
            joined = canonical_state(f"{fragment} {fragments[i + 1]}", date)
            if joined is not None:
                states.append(joined)
                i += 2
                continue
        pair = _split_at_and(fragment, date)
        if pair:
            states.extend(pair)
        else:
            unknown.append(fragment)
        i += 1
    return StateList(states, unknown)


_AND = re.compile(r"(?:^|\s)and\s", re.IGNORECASE)


def _split_at_and(fragment: str, date: str | None) -> list[str]:
    # Several States have "and" in their names ("Saint Vincent and the Grenadines"), so a split is
    # accepted only where both sides are States; an empty left side is a serial comma (", and Zambia").
    for match in _AND.finditer(fragment):
        right = canonical_state(fragment[match.end() :], date)
        if right is None:
            continue
        left_text = fragment[: match.start()].strip()
        if not left_text:
            return [right]
        left = canonical_state(left_text, date)
        if left is not None:
            return [left, right]
    return []
