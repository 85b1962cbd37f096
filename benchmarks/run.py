"""Speed and memory of textdiff against baselines on the same input, in one run.

Prints, for real pairs of ../shared/corpus (or the bundled samples):
- parse, align+diff (`textdiff.compare`) and HTML rendering times;
- the same pair diffed word by word with difflib (autojunk off), lxml.html.diff.htmldiff, redlines and
  fast-diff-match-patch word mode, as ratios to textdiff's compare (parse + align + diff);
- how compare time grows with document size (1×, 10×, 50× by concatenating real resolutions);
- peak memory (tracemalloc) of the largest comparison.

Run: python benchmarks/run.py [--repeat N] (interleaved rounds per pair). Baselines that are not
installed are reported as such.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402
import textdiff  # noqa: E402
from corpus.loaders.text import load_text  # noqa: E402
from reports.html import render_html  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
PAIRS = [
    ("undocs/A-RES-74-29.txt", "undocs/A-RES-75-240.txt"),
    ("undocs/A-RES-73-266.txt", "undocs/A-RES-74-28.txt"),
    ("undocs/A-RES-75-63.txt", "undocs/A-RES-76-46.txt"),
    ("undocs/A-RES-76-232.txt", "undocs/A-RES-75-241.txt"),
]


def best_time(fn: Callable[[], object], repeat: int) -> float:
    """Shortest wall time of ``fn`` in milliseconds over ``repeat`` runs: the run least disturbed by other
    work on the machine (the work itself is deterministic)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return min(times)


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def plain(doc: corpus.Document) -> str:
    return "\n\n".join(p.text for p in doc.paragraphs)


def baselines(a: str, b: str) -> dict[str, Callable[[], object]]:
    out: dict[str, Callable[[], object]] = {}
    wa, wb = a.split(), b.split()
    out["difflib (words, autojunk off)"] = lambda: list(
        difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes()
    )
    try:
        from lxml.html.diff import htmldiff

        ha = "".join(f"<p>{p}</p>" for p in a.split("\n\n"))
        hb = "".join(f"<p>{p}</p>" for p in b.split("\n\n"))
        out["lxml htmldiff"] = lambda: htmldiff(ha, hb)
    except ImportError:
        pass
    try:
        from redlines import Redlines

        out["redlines"] = lambda: Redlines(a, b).output_markdown
    except ImportError:
        pass
    try:
        import fast_diff_match_patch as fdmp

        out["fast-diff-match-patch (chars)"] = lambda: fdmp.diff(
            a, b, timelimit=0, checklines=False, cleanup="Semantic", counts_only=False
        )
    except ImportError:
        pass
    return out


def timed_rounds(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, list[float]]:
    """Wall times in milliseconds of each function, run in interleaved rounds (each round runs every
    function once, in a rotating order), so that a slower or busier moment of a shared machine weighs on
    all of them alike instead of on whichever was being timed."""
    names = list(fns)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(repeat):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            gc.collect()
            t = time.perf_counter()
            fns[name]()
            times[name].append((time.perf_counter() - t) * 1000)
    return times


def bench_pair(old_path: Path, new_path: Path, repeat: int) -> None:
    ta, tb = text_of(old_path), text_of(new_path)
    da, db = corpus.load(old_path)[0], corpus.load(new_path)[0]

    def full() -> object:
        x = load_text(ta, str(old_path))[0]
        y = load_text(tb, str(new_path))[0]
        return textdiff.compare(x, y)

    comparison = textdiff.compare(da, db)
    ours = {
        "parse both": lambda: (load_text(ta, "a"), load_text(tb, "b")),
        "align + diff": lambda: textdiff.compare(da, db),
        "compare": full,
        "render HTML": lambda: render_html(comparison),
    }
    others = baselines(plain(da), plain(db))
    times = timed_rounds({**ours, **others}, repeat)
    median = {name: statistics.median(ts) for name, ts in times.items()}
    words = len(plain(da).split()) + len(plain(db).split())
    size = f"{len(da.paragraphs)}+{len(db.paragraphs)} paragraphs, {words} words"
    print(f"\n{old_path.name} → {new_path.name}  ({size}; medians of {repeat} interleaved rounds)")
    print(f"  parse both            {median['parse both']:8.1f} ms")
    print(f"  align + diff          {median['align + diff']:8.1f} ms")
    print(f"  parse + align + diff  {median['compare']:8.1f} ms   (textdiff compare)")
    print(f"  render HTML           {median['render HTML']:8.1f} ms")
    for name in others:
        # The ratio of medians, and the median of the ratios within a round (the paired figure).
        paired = statistics.median(c / t for c, t in zip(times["compare"], times[name], strict=True))
        ratio = median["compare"] / median[name]
        print(
            f"  {name:<30} {median[name]:8.1f} ms   textdiff/baseline = {ratio:5.2f}× (paired {paired:5.2f}×)"
        )


def bench_growth(repeat: int) -> None:
    """Compare time at 1×, 10× and 50× document size: resolutions concatenated into one long text."""
    files = sorted((SHARED / "undocs").glob("A-RES-7[45]-*.txt")) if SHARED.is_dir() else []
    if len(files) < 20:
        print("\n(growth: needs ../shared/corpus/undocs)")
        return
    olds = [corpus.load(f)[0] for f in files if "/A-RES-74-" in str(f)]
    news = [corpus.load(f)[0] for f in files if "/A-RES-75-" in str(f)]
    print("\nGrowth (old = session-74 resolutions, new = session-75, concatenated; best of several runs):")
    base = None
    for k in (1, 10, 50):
        a = _concat(olds, k)
        b = _concat(news, k)
        runs = max(3, repeat // (k // 10 + 1))
        t = best_time(lambda a=a, b=b: textdiff.compare(a, b), runs)
        words = sum(len(p.text.split()) for p in a.paragraphs + b.paragraphs)
        base = base or t / words
        sizes = f"{len(a.paragraphs):5}+{len(b.paragraphs):<5} paragraphs  {words:7} words"
        print(f"  {k:>3}×  {sizes}  {t:9.1f} ms   per word vs 1×: {(t / words) / base:5.2f}")


def _concat(docs: list[corpus.Document], k: int) -> corpus.Document:
    """One synthetic document made of the first k×… paragraphs of real resolutions, renumbered."""
    pps, ops = [], []
    i = 0
    while len(pps) + len(ops) < 40 * k:
        d = docs[i % len(docs)]
        pps += [p.text for p in d.preambular]
        ops += [p.text for p in d.operative]
        i += 1
    text = (
        "The General Assembly,\n\n"
        + "\n\n".join(pps)
        + "\n\n"
        + "\n\n".join(f"{n}. {t}" for n, t in enumerate(ops, start=1))
    )
    return load_text(text, f"concat-{k}x")[0]


def bench_memory() -> None:
    pair = [SHARED / p for p in PAIRS[-1]]
    if not all(p.exists() for p in pair):
        return
    da, db = (corpus.load(p)[0] for p in pair)
    tracemalloc.start()
    render_html(textdiff.compare(da, db))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\nPeak memory of compare + HTML on {pair[0].name} → {pair[1].name}: {peak / 1e6:.1f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=21, help="interleaved rounds per pair")
    args = ap.parse_args()
    pairs = (
        [(SHARED / a, SHARED / b) for a, b in PAIRS]
        if SHARED.is_dir()
        else [(ROOT / "samples" / "A-RES-74-29.txt", ROOT / "samples" / "A-RES-75-240.txt")]
    )
    corpus.load(pairs[0][0])  # warm the word list so the first timing is not its load
    for a, b in pairs:
        bench_pair(a, b, args.repeat)
    bench_growth(args.repeat)
    bench_memory()


if __name__ == "__main__":
    main()
