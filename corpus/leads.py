"""Leads: the opening words that carry a paragraph's force ("Recalling also", "Bearing in mind", "Calls upon",
"Takes note of"), and the test that tells a preambular paragraph's first line from a wrapped line.
"""

from __future__ import annotations

import re
from functools import cache

from corpus.words import is_word

__all__ = ["find_lead", "starts_preambular"]

# Participles and adjectives that open preambular paragraphs without ending in "-ing" (UN editorial manual,
# and what the corpus shows).
_PP_HEADS = frozenset(
    """aware mindful conscious convinced concerned alarmed determined desirous cognizant guided encouraged
    deeply gravely seriously further also reaffirming bearing having taking noting recalling recognizing
    acknowledging affirming believing considering deploring expressing welcoming emphasizing underlining
    stressing reiterating commending paying condemning looking keen anxious fully firmly profoundly regretting
    resolved appreciating observing confident seized inspired desiring acting determining underscoring
    highlighting reaffirmed mindful noting recognising emphasising welcoming acknowledging disturbed shocked
    outraged dismayed saddened appalled troubled satisfied pleased gratified heartened fearful reassured
    committed persuaded impressed sharing strongly again particularly especially increasingly""".split()
)
# Words that end in "-ing" but never open a paragraph.
_NOT_LEADS = frozenset(
    {
        "during",
        "including",
        "regarding",
        "concerning",
        "pending",
        "notwithstanding",
        "beijing",
        "nanjing",
        "wyoming",
        "following",
        "according",
        "nothing",
        "something",
        "everything",
        "anything",
        "morning",
        "evening",
        "building",
        "funding",
        "training",
    }
)

_ADVERBS = (
    r"(?:also|further|again|once again|strongly|deeply|gravely|seriously|firmly|fully|profoundly|"
    r"particularly|especially|increasingly|urgently|repeatedly|resolutely|unequivocally|"
    r"categorically)"
)
# Multi-word continuations by head word: what follows the head and belongs to the lead.
_TAILS: dict[str, str] = {
    "call": r"(?:upon|on)",
    "take": r"(?:note(?: with (?:deep |great |grave |serious )?(?:appreciation|satisfaction|concern|interest|"
    r"regret))? of|into (?:account|consideration)|(?:full )?account of)",
    "bear": r"in mind",
    "note": r"with (?:deep |grave |serious |great |profound )?(?:concern|appreciation|satisfaction|regret|"
    r"interest|alarm)",
    "express": r"(?:its |their )?(?:deep |grave |serious |profound |sincere |full |strong |firm |continued )*"
    r"(?:concern|appreciation|support|gratitude|regret|condolences|satisfaction|hope|alarm|outrage|"
    r"sympathy|solidarity|thanks)",
    "have": r"(?:considered|examined|reviewed|received|heard|adopted|decided|regard to)",
    "look": r"forward to",
    "pay": r"tribute to",
    "place": r"on record",
}
_LEAD_WORD = r"[A-Za-z][a-z]+(?:-[a-z]+)?"
_HEAD = re.compile(rf"^((?:{_ADVERBS} )*)({_LEAD_WORD})\b", re.I)
_CAPITALISED = re.compile(r"^([A-Z][a-z]+)\b")
_AGAIN = re.compile(r"^ (?:also|further|again|once again)\b", re.I)


@cache
def _tail(tail: str, again: bool) -> re.Pattern[str]:
    """The pattern of a head's fixed continuation, optionally after "also", "further" or "again"."""
    return re.compile(rf"^ (?:(?:also|further|again) )?{tail}\b" if again else rf"^ {tail}\b", re.I)


def _head_key(word: str) -> str:
    w = word.lower()
    for suffix in ("ing", "s", "es"):
        if w.endswith(suffix):
            stem = w[: -len(suffix)]
            for key in _TAILS:
                if stem in (key, key[:-1]) or stem == key + "e" or stem + "e" == key:
                    return key
    return w


def find_lead(text: str) -> str | None:
    """The lead of a paragraph: optional adverbs, the head verb or adjective, its fixed continuation.

    >>> [find_lead(t) for t in ["Recalling also its resolution", "Calls upon States",
    ...  "Takes note of the report",
    ...  "Deeply concerned about", "Bearing in mind that", "Decides to include", "Also decides that",
    ...  "Expressing its deep concern at", "recalling its resolutions"]]
    ['Recalling also', 'Calls upon', 'Takes note of', 'Deeply concerned', 'Bearing in mind', 'Decides', \
'Also decides', 'Expressing its deep concern', 'recalling']
    """
    m = _HEAD.match(text)
    if not m:
        return None
    adverbs, head = m.group(1), m.group(2)
    # "Deeply concerned", "Once again": the adverb then the head; a bare adverb is not a lead.
    lead = adverbs + head
    rest = text[m.end() :]
    tail = _TAILS.get(_head_key(head))
    if tail:
        t = _tail(tail, True).match(rest)
        if t:
            return lead + t.group(0)
    t = _AGAIN.match(rest)
    if t:
        lead += t.group(0)
        rest = rest[t.end() :]
        if tail:
            t2 = _tail(tail, False).match(rest)
            if t2:
                lead += t2.group(0)
    return lead


def starts_preambular(text: str) -> bool:
    """True when ``text`` opens like a preambular paragraph: a capitalised participle or adjective lead.

    >>> [starts_preambular(t) for t in ["Recalling its resolution", "Deeply concerned that",
    ...  "Beijing Platform",
    ...  "ICTs for peaceful purposes,", "Emphasising the role", "Acting under Chapter VII", "States that"]]
    [True, True, False, False, True, True, False]
    """
    m = _CAPITALISED.match(text)
    if not m:
        return False
    w = m.group(1).lower()
    if w in _NOT_LEADS:
        return False
    if w in _PP_HEADS:
        return True
    if w.endswith("ing") and len(w) > 5:
        stem = w[:-3]
        candidates = [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            candidates.append(stem[:-1])
        return any(is_word(c) for c in candidates)
    return False
