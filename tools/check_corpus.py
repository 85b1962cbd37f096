"""Parse every file of ../shared/corpus and the seed; print counts, unplaced lines and suspicious text."""

import re
import sys
from pathlib import Path

import corpus
from corpus.errors import TextdiffError

shared = Path(__file__).resolve().parents[2] / "shared"
files = (
    sorted((shared / "corpus").rglob("*.txt"))
    + sorted((shared / "corpus").rglob("*.md"))
    + [shared / "seeds/000_6db899aef984dde3.txt"]
)
FURN = re.compile(
    r"\b\d{2}-\d{5}\b|\*\d{7}\*|\bA/RES/\d+/\d+\b(?! of)|Please recycle|_{5}|(?<![\d/])\d/\d(?![\d/])"
)
verbose = "-v" in sys.argv
for f in files:
    if f.name in ("README.md", "SOURCES.md"):
        continue
    try:
        docs = corpus.load(f)
    except TextdiffError as e:
        print("ERR", f.name, e)
        continue
    for d in docs:
        ops = [p.number for p in d.operative if p.id.startswith("op") and p.id[2:].isdigit()]
        gaps = [b for a, b in zip(ops, ops[1:], strict=False) if b != a + 1]
        sus = [(p.id, m.group(0)) for p in d.paragraphs for m in FURN.finditer(p.text)]
        flag = "!" if (d.unplaced or gaps or sus or not d.operative) else " "
        if flag == "!" or verbose:
            print(
                flag,
                f.parent.name,
                f.name,
                f"#{d.position}",
                d.kind,
                d.symbol,
                d.date,
                f"pp={len(d.preambular)} op={len(d.operative)}",
                "gaps",
                gaps,
                "sus",
                sus[:4],
            )
            for u in d.unplaced[:6]:
                print("     unplaced", u.line, u.reason, repr(u.text[:90]))
