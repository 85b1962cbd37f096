"""Score the structure parser on ../shared/gold/structure.tsv (clean and raw files)."""

import csv
import sys
from pathlib import Path

import corpus
from corpus.layout import norm_space

shared = Path(__file__).resolve().parents[2] / "shared"
ok = bad = 0
for row in csv.DictReader(open(shared / "gold/structure.tsv"), delimiter="\t"):
    f = row["file"]
    clean = corpus.load(shared / "corpus/paragraphs" / f)[0]
    raw_path = shared / "corpus/undocs" / f
    variants = [("clean", clean)]
    if raw_path.exists():
        variants.append(("raw", corpus.load(raw_path)[0]))
    for name, d in variants:
        got = (
            len(d.preambular),
            len(d.operative),
            d.preambular[0].lead if d.preambular else None,
            d.operative[0].lead if d.operative else None,
            d.operative[-1].number if d.operative else None,
        )
        want = (
            int(row["pp_count"]),
            int(row["op_count"]),
            row["first_pp_lead"],
            row["first_op_lead"],
            int(row["last_op_number"]),
        )
        status = "OK " if got == want else "BAD"
        ok += got == want
        bad += got != want
        if got != want or "-v" in sys.argv:
            print(status, name, f, got, want, [u.text[:60] for u in d.unplaced][:5])
    if len(variants) == 2:
        a, b = variants[0][1], variants[1][1]
        diffs = [
            (p.id, q.id)
            for p, q in zip(a.paragraphs, b.paragraphs, strict=False)
            if norm_space(p.text) != norm_space(q.text) or p.id != q.id
        ]
        if diffs or len(a.paragraphs) != len(b.paragraphs):
            bad += 1
            print("DIFF raw/clean", f, diffs[:5])
            for p, q in list(zip(a.paragraphs, b.paragraphs, strict=False))[:40]:
                if p.text != q.text:
                    print("   ", p.id, repr(p.text[:80]), "|", repr(q.text[:80]))
                    continue
                    import difflib

                    sm = difflib.SequenceMatcher(None, p.text, q.text, autojunk=False)
                    for op in sm.get_opcodes():
                        if op[0] != "equal":
                            print(
                                "   ",
                                p.id,
                                op[0],
                                repr(p.text[op[1] - 20 : op[2] + 20]),
                                "|",
                                repr(q.text[op[3] - 20 : op[4] + 20]),
                            )
print(f"ok={ok} bad={bad}")
