"""Paragraph alignment: the gold pairs (link precision and recall), fixed cases, and properties on synthetic
versions built from real paragraphs.

``python tests/corpus/test_align.py`` prints the per-pair scores with the missed and extra links.
"""

from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corpus
from corpus.align import Link, align_paragraphs
from corpus.leads import find_lead
from corpus.model import OPERATIVE, PREAMBULAR, Document, Paragraph

DATA = Path(__file__).resolve().parents[1] / "data" / "align"
TEXTS = DATA.parent / "structure"  # the clean paragraph files the gold labels refer to
PAIRS = sorted(p.stem for p in DATA.glob("*__*.tsv"))
SEED = DATA.parent / "seed" / "A-77-380.txt"
SEED_PREFIX = "A-77-380-draft-resolution-"
RELATIONS = {"unchanged", "modified", "inserted", "deleted", "split", "merged"}
LINKING = {"same", "modified", "split", "merged"}  # gold relations that make a link

# --------------------------------------------------------------------------------------------------
# Gold pairs


def load_version(name: str) -> Document:
    """A document of the cases: ``A-RES-74-29`` or ``A-77-380-draft-resolution-II`` (in the seed report)."""
    if name.startswith(SEED_PREFIX):
        label = "Draft resolution " + name.removeprefix(SEED_PREFIX)
        return next(d for d in corpus.load(SEED) if d.label == label)
    (doc,) = corpus.load(TEXTS / f"{name}.txt")
    return doc


def load_pair(name: str) -> tuple[Document, Document]:
    old, new = name.split("__")
    return load_version(old), load_version(new)


def load_gold(name: str) -> list[dict[str, str]]:
    text = (DATA / f"{name}.tsv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


@dataclass(frozen=True)
class PairScore:
    """Link precision and recall of one pair against its high-confidence gold rows."""

    name: str
    precision: float
    recall: float
    f1: float
    missed: tuple[tuple[str, str], ...]
    extra: tuple[tuple[str, str], ...]
    ms: float


Scores = tuple[float, float, float, list[tuple[str, str]], list[tuple[str, str]]]


def score_links(gold: list[dict[str, str]], links: tuple[Link, ...]) -> Scores:
    """Precision, recall, F1, missed and extra links.

    A link is an (old, new) pair whose gold relation is same/modified/split/merged. Only high-confidence rows
    count: a predicted link is a false positive only if it involves a paragraph whose high-confidence rows do
    not include it; a low-confidence gold link is neither required nor penalised.
    """
    gold_links = {(r["old"], r["new"]) for r in gold if r["old"] and r["new"] and r["relation"] in LINKING}
    high = {(r["old"], r["new"]) for r in gold if r["confidence"] == "high"} & gold_links
    high_old = {r["old"] for r in gold if r["confidence"] == "high" and r["old"]}
    high_new = {r["new"] for r in gold if r["confidence"] == "high" and r["new"]}
    predicted = {(lk.old, lk.new) for lk in links if lk.old and lk.new}
    hits = predicted & high
    extra = sorted(p for p in predicted - gold_links if p[0] in high_old or p[1] in high_new)
    precision = len(hits) / (len(hits) + len(extra)) if hits or extra else 1.0
    recall = len(hits) / len(high) if high else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, sorted(high - predicted), extra


def score_pair(name: str) -> PairScore:
    old, new = load_pair(name)
    start = time.perf_counter()
    links = align_paragraphs(old, new)
    ms = (time.perf_counter() - start) * 1000
    precision, recall, f1, missed, extra = score_links(load_gold(name), links)
    return PairScore(name, precision, recall, f1, tuple(missed), tuple(extra), ms)


def test_the_cases_are_there() -> None:
    assert len(PAIRS) == 5
    for name in PAIRS:
        old, new = load_pair(name)
        assert old.paragraphs and new.paragraphs


@pytest.mark.parametrize("name", PAIRS)
def test_gold_link_f1(name: str) -> None:
    s = score_pair(name)
    assert s.f1 >= 0.95, f"{name}: P={s.precision:.3f} R={s.recall:.3f} missed={s.missed} extra={s.extra}"


@pytest.mark.parametrize("name", PAIRS)
def test_gold_same_rows_come_out_unchanged(name: str) -> None:
    links = align_paragraphs(*load_pair(name))
    relation = {(lk.old, lk.new): lk.relation for lk in links}
    same = [(r["old"], r["new"]) for r in load_gold(name) if r["relation"] == "same"]
    assert same
    assert {pair: relation.get(pair) for pair in same} == dict.fromkeys(same, "unchanged")


@pytest.mark.parametrize("name", PAIRS)
def test_gold_pairs_are_well_formed(name: str) -> None:
    old, new = load_pair(name)
    links = align_paragraphs(old, new)
    assert_well_formed(old, new, links)
    assert align_paragraphs(old, new) == links  # deterministic


def test_scoring_follows_the_gold_rules() -> None:
    gold = [
        {"old": "pp1", "new": "pp1", "relation": "modified", "confidence": "high"},
        {"old": "pp2", "new": "", "relation": "deleted", "confidence": "high"},
        {"old": "pp3", "new": "pp3", "relation": "modified", "confidence": "low"},
        {"old": "", "new": "pp4", "relation": "inserted", "confidence": "low"},
    ]

    def link(old: str, new: str) -> Link:
        return Link(old, new, "modified", False, 0.5, "fuzzy")

    # pp3-pp3 (low) is not required; pp2-pp4 contradicts the high "pp2 deleted"; pp3-pp4 is free.
    p, r, f, missed, extra = score_links(gold, (link("pp1", "pp1"), link("pp2", "pp4"), link("pp3", "pp4")))
    assert (p, r, missed, extra) == (0.5, 1.0, [], [("pp2", "pp4")])


# --------------------------------------------------------------------------------------------------
# Fixed cases


def make_doc(paragraphs: list[tuple[str, str]]) -> Document:
    """A document from (kind, text) pairs, preambular ones first, with ids as the parser gives them."""
    paras = []
    counts: Counter[str] = Counter()
    for kind, text in paragraphs:
        counts[kind] += 1
        pid = f"pp{counts[kind]}" if kind == PREAMBULAR else f"op{counts[kind]}"
        paras.append(Paragraph(pid, kind, counts[kind], find_lead(text), text))
    return Document(None, None, None, None, "resolution", tuple(paras))


def rows(links: tuple[Link, ...]) -> list[tuple[str | None, str | None, str]]:
    return [(lk.old, lk.new, lk.relation) for lk in links]


PP, OP = PREAMBULAR, OPERATIVE
RECALL = "Recalling its resolutions 53/70 of 4 December 1998 and 54/49 of 1 December 1999,"
RECALL_LONGER = (
    "Recalling its resolutions 53/70 of 4 December 1998, 54/49 of 1 December 1999 and 73/266 of "
    "22 December 2018,"
)
AGENDA = (
    "Decides to include in the provisional agenda of its seventy-fifth session the item entitled "
    "“Developments in the field of information and telecommunications in the context of international "
    "security”."
)
AGENDA_NEXT = AGENDA.replace("Decides", "Also decides").replace("seventy-fifth", "seventy-sixth")


def test_layout_quotes_split_words_and_footnote_markers_do_not_count() -> None:
    old = make_doc(
        [
            (
                OP,
                "Calls upon Member States to be guided by the 2010, 1 2013 2 and 2015 3 reports "
                "among   them, “as  appropriate”;",
            )
        ]
    )
    new = make_doc(
        [
            (
                OP,
                "Calls upon Member States to be guided by the 2010, 2013 and 2015 reports amon g "
                'them, "as appropriate".',
            )
        ]
    )
    (link,) = align_paragraphs(old, new)
    assert (link.relation, link.score, link.method) == ("unchanged", 1.0, "identical")


def test_a_changed_number_is_a_change() -> None:
    old = make_doc([(OP, "Requests the Secretary-General to report on paragraph 5 at its next session;")])
    new = make_doc([(OP, "Requests the Secretary-General to report on paragraph 6 at its next session;")])
    (link,) = align_paragraphs(old, new)
    assert (link.relation, link.method) == ("modified", "lead")
    assert 0.8 < link.score < 1.0


def test_extended_recall_list_and_renumbered_agenda_paragraph() -> None:
    old = make_doc(
        [(PP, RECALL), (PP, "Noting the progress achieved in the field of telecommunications,"), (OP, AGENDA)]
    )
    new = make_doc(
        [
            (PP, RECALL_LONGER),
            (PP, "Noting the progress achieved in the field of telecommunications,"),
            (OP, "Welcomes the commencement of the work of the open-ended working group;"),
            (OP, AGENDA_NEXT),
        ]
    )
    assert rows(align_paragraphs(old, new)) == [
        ("pp1", "pp1", "modified"),
        ("pp2", "pp2", "unchanged"),
        (None, "op1", "inserted"),
        ("op1", "op2", "modified"),
    ]


def test_deleted_rows_follow_their_old_neighbour() -> None:
    texts = [
        "Recalling its resolution 70/237 on developments in the field of information security,",
        "Noting that considerable progress has been achieved in developing the latest technologies,",
        "Expressing concern that these technologies can potentially be used for criminal purposes,",
        "Underlining the importance of respect for human rights and fundamental freedoms,",
    ]
    old = make_doc([(PP, t) for t in texts])
    new = make_doc([(PP, texts[0]), (PP, texts[3]), (PP, "Welcoming the report of the Secretary-General,")])
    assert rows(align_paragraphs(old, new)) == [
        ("pp1", "pp1", "unchanged"),
        ("pp2", None, "deleted"),
        ("pp3", None, "deleted"),
        ("pp4", "pp2", "unchanged"),
        (None, "pp3", "inserted"),
    ]


def test_a_moved_paragraph_is_flagged_and_the_others_are_not() -> None:
    topics = ["oceans", "forests", "deserts", "rivers", "mountains", "glaciers"]
    texts = [f"Recalling its resolution {60 + n}/{67 + n} on the {topic}," for n, topic in enumerate(topics)]
    old = make_doc([(PP, t) for t in texts])
    new = make_doc([(PP, t) for t in [texts[4], *texts[:4], texts[5]]])
    moved = {(lk.old, lk.new) for lk in align_paragraphs(old, new) if lk.moved}
    assert moved == {("pp5", "pp1")}


def test_split_and_merge() -> None:
    first = (
        "Condemns in the strongest terms all attacks against humanitarian and medical personnel and "
        "calls upon all parties to allow safe and unhindered humanitarian access"
    )
    second = (
        "requests the Secretary-General to include in his reports information on the delivery of "
        "humanitarian assistance and on obstacles to it"
    )
    old = make_doc([(OP, "Decides to remain seized of the matter."), (OP, f"{first}, and {second};")])
    new = make_doc(
        [
            (OP, "Decides to remain seized of the matter."),
            (OP, first[0].upper() + first[1:] + ";"),
            (OP, second[0].upper() + second[1:] + ";"),
        ]
    )
    forward = rows(align_paragraphs(old, new))
    assert forward == [("op1", "op1", "unchanged"), ("op2", "op2", "split"), ("op2", "op3", "split")]
    backward = rows(align_paragraphs(new, old))
    assert backward == [("op1", "op1", "unchanged"), ("op2", "op2", "merged"), ("op3", "op2", "merged")]


def test_a_shared_formula_alone_does_not_link_different_paragraphs() -> None:
    # The body's long name recurs through both texts, as in the seed's two draft resolutions.
    oewg = (
        "the open-ended working group on security of and in the use of information and communications "
        "technologies 2021-2025"
    )
    old = make_doc(
        [
            (PP, f"Recalling the establishment of {oewg} by its resolution 75/240,"),
            (OP, f"Supports the work of {oewg} in accordance with its mandate;"),
            (OP, f"Requests {oewg} to submit to the General Assembly an annual progress report;"),
        ]
    )
    new = make_doc(
        [
            (PP, f"Welcoming the successful convening of the first sessions of {oewg},"),
            (
                OP,
                f"Calls upon States to engage constructively in the negotiations of {oewg} during "
                "its formal and intersessional meetings;",
            ),
            (OP, f"Decides that {oewg} shall consider proposals on a future dialogue mechanism;"),
        ]
    )
    assert [lk for lk in align_paragraphs(old, new) if lk.old and lk.new] == []


def test_kinds_do_not_mix_unless_the_text_stays() -> None:
    text = (
        "the launch of the negotiation process in the format of the open-ended working group on "
        "developments in the field of information and telecommunications in the context of international "
        "security, under the auspices of the United Nations"
    )
    old = make_doc([(PP, "Recalling its previous resolutions on the subject,"), (OP, f"Welcomes {text};")])
    new = make_doc([(PP, "Recalling its previous resolutions on the subject,"), (PP, f"Welcoming {text},")])
    assert ("op1", "pp2", "modified") in rows(align_paragraphs(old, new))
    other = make_doc(
        [
            (PP, "Recalling its previous resolutions on the subject,"),
            (
                PP,
                "Welcoming the progress made in the negotiation process under the auspices of the "
                "United Nations,",
            ),
        ]
    )
    assert ("op1", None, "deleted") in rows(align_paragraphs(old, other))


def test_empty_documents() -> None:
    empty = make_doc([])
    one = make_doc([(OP, AGENDA)])
    assert align_paragraphs(empty, empty) == ()
    assert rows(align_paragraphs(empty, one)) == [(None, "op1", "inserted")]
    assert rows(align_paragraphs(one, empty)) == [("op1", None, "deleted")]


# --------------------------------------------------------------------------------------------------
# Properties on synthetic versions


def assert_well_formed(old: Document, new: Document, links: tuple[Link, ...]) -> None:
    """Every paragraph appears; relations, scores and the output order follow the contract."""
    assert {lk.old for lk in links if lk.old} == {p.id for p in old.paragraphs}
    assert {lk.new for lk in links if lk.new} == {p.id for p in new.paragraphs}
    assert len({(lk.old, lk.new) for lk in links}) == len(links)
    new_pos = {p.id: k for k, p in enumerate(new.paragraphs)}
    old_pos = {p.id: k for k, p in enumerate(old.paragraphs)}
    per_old = Counter(lk.old for lk in links if lk.old and lk.new)
    per_new = Counter(lk.new for lk in links if lk.old and lk.new)
    for lk in links:
        assert lk.relation in RELATIONS
        assert 0.0 <= lk.score <= 1.0 and lk.score == round(lk.score, 3)
        if lk.old is None or lk.new is None:
            assert lk.relation == ("inserted" if lk.old is None else "deleted")
            assert (lk.score, lk.method, lk.moved) == (0.0, "", False)
        elif per_new[lk.new] > 1:
            assert lk.relation == "merged"
        elif per_old[lk.old] > 1:
            assert lk.relation == "split"
        else:
            assert lk.relation in {"unchanged", "modified"}
            assert (lk.score == 1.0) == (lk.relation == "unchanged")
    # New order, and each deleted paragraph right after the rows of the old paragraph before it.
    paired = [new_pos[lk.new] for lk in links if lk.new]
    assert paired == sorted(paired)
    for k, lk in enumerate(links):
        if lk.new is None:
            before = old_pos[lk.old] - 1
            if before < 0:
                assert k == 0
            else:
                last = max(m for m, other in enumerate(links) if other.old == old.paragraphs[before].id)
                assert last == k - 1


def _texts(kind: str) -> list[str]:
    seen: dict[str, None] = {}
    for name in ("A-RES-73-266", "A-RES-74-29", "A-RES-75-240", "S-2018-257", "S-2019-266"):
        for p in load_version(name).paragraphs:
            if p.kind == kind and len(p.text.split()) >= 6:
                seen.setdefault(p.text)
    return list(seen)


POOL = {PREAMBULAR: _texts(PREAMBULAR), OPERATIVE: _texts(OPERATIVE)}
FILLER = "notably further also inter alia in particular as appropriate including regional the".split()


def _edit(rng: random.Random, text: str) -> str:
    words = text.split()
    for _ in range(rng.randint(1, 4)):
        k = rng.randrange(1, len(words))  # keep the lead word
        op = rng.choice(["delete", "insert", "replace"])
        if op == "delete" and len(words) > 3:
            del words[k]
        elif op == "insert":
            words.insert(k, rng.choice(FILLER))
        else:
            words[k] = rng.choice(FILLER)
    return " ".join(words)


@st.composite
def versions(draw: st.DrawFn) -> tuple[Document, Document]:
    """An old document of real paragraphs and a new one made from it by the edits drafters make."""
    rng = draw(st.randoms(use_true_random=False))
    old_blocks: dict[str, list[str]] = {}
    new_blocks: dict[str, list[str]] = {}
    for kind in (PREAMBULAR, OPERATIVE):
        texts = rng.sample(POOL[kind], rng.randint(0, 7))
        unused = [t for t in POOL[kind] if t not in texts]
        out = []
        for text in texts:
            action = rng.choices(["keep", "edit", "delete", "split", "merge"], [6, 3, 1, 1, 1])[0]
            if action == "keep":
                out.append(text)
            elif action == "edit":
                out.append(_edit(rng, text))
            elif action == "split" and len(text.split()) >= 16:
                words = text.split()
                cut = len(words) // 2
                out += [" ".join(words[:cut]), " ".join(words[cut:])]
            elif action == "merge" and out:
                out[-1] = out[-1] + " " + text
            elif action != "delete":
                out.append(text)
        for _ in range(rng.randint(0, 2)):
            if unused:
                out.insert(rng.randint(0, len(out)), unused.pop(rng.randrange(len(unused))))
        if len(out) > 2 and rng.random() < 0.5:  # move one paragraph
            out.insert(rng.randrange(len(out)), out.pop(rng.randrange(len(out))))
        old_blocks[kind], new_blocks[kind] = texts, out
    old = make_doc([(k, t) for k in (PREAMBULAR, OPERATIVE) for t in old_blocks[k]])
    new = make_doc([(k, t) for k in (PREAMBULAR, OPERATIVE) for t in new_blocks[k]])
    return old, new


PROPERTY = settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
MIRROR = {
    "inserted": "deleted",
    "deleted": "inserted",
    "split": "merged",
    "merged": "split",
    "unchanged": "unchanged",
    "modified": "modified",
}
MIRROR_METHOD = {"split": "merge", "merge": "split"}


@PROPERTY
@given(versions())
def test_every_paragraph_of_both_versions_is_in_a_link(pair: tuple[Document, Document]) -> None:
    old, new = pair
    assert_well_formed(old, new, align_paragraphs(old, new))


@PROPERTY
@given(versions())
def test_a_version_against_itself_is_all_unchanged(pair: tuple[Document, Document]) -> None:
    for doc in pair:
        links = align_paragraphs(doc, doc)
        assert [(lk.old, lk.new) for lk in links] == [(p.id, p.id) for p in doc.paragraphs]
        assert all(lk.relation == "unchanged" and not lk.moved and lk.score == 1.0 for lk in links)


@PROPERTY
@given(versions())
def test_swapping_the_versions_mirrors_the_alignment(pair: tuple[Document, Document]) -> None:
    old, new = pair
    forward = align_paragraphs(old, new)
    per_old = Counter(lk.old for lk in forward if lk.old and lk.new)
    per_new = Counter(lk.new for lk in forward if lk.old and lk.new)

    def many_to_many(lk: Link) -> bool:
        return bool(lk.old and lk.new and per_old[lk.old] > 1 and per_new[lk.new] > 1)

    def mirrored(lk: Link) -> tuple:
        if many_to_many(lk):
            # The gold rule makes such a link "merged" both ways, and its pass is a merge from either side.
            return lk.new, lk.old, "merged", lk.moved, lk.score, "split/merge"
        method = MIRROR_METHOD.get(lk.method, lk.method)
        return lk.new, lk.old, MIRROR[lk.relation], lk.moved, lk.score, method

    def row(lk: Link) -> tuple:
        method = "split/merge" if many_to_many(replace(lk, old=lk.new, new=lk.old)) else lk.method
        return lk.old, lk.new, lk.relation, lk.moved, lk.score, method

    backward = align_paragraphs(new, old)
    assert sorted(map(row, backward), key=repr) == sorted(map(mirrored, forward), key=repr)


def test_the_alignment_does_not_depend_on_string_hashing() -> None:
    # Set and dict orders of strings change with PYTHONHASHSEED; the alignment must not.
    script = (
        "import sys; sys.path[:0] = sys.argv[1:2]\n"
        "from tests.corpus.test_align import PAIRS, load_pair\n"
        "from corpus.align import align_paragraphs\n"
        "for name in PAIRS: print(align_paragraphs(*load_pair(name)))\n"
    )
    root = Path(__file__).resolve().parents[2]
    outputs = set()
    for seed in ("0", "1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-c", script, str(root)]
        run = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        outputs.add(run.stdout)
    assert len(outputs) == 1 and "Link(" in outputs.pop()


# --------------------------------------------------------------------------------------------------


def main() -> None:
    """Print each gold pair's link precision, recall and F1, with the missed and extra links."""
    print(f"{'pair':60} {'P':>6} {'R':>6} {'F1':>6} {'ms':>6}  missed / extra")
    for name in PAIRS:
        align_paragraphs(*load_pair(name))  # warm up
        s = score_pair(name)
        detail = f"missed={list(s.missed) or '-'} extra={list(s.extra) or '-'}"
        print(f"{name:60} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.ms:6.1f}  {detail}")


if __name__ == "__main__":
    main()
