"""Throughput of the NLP pipeline against spaCy's tokenizer alone, on the same paragraphs in the same run.

Input: every paragraph of the General Assembly resolutions in the shared corpus (``corpus.load`` of each
file of ``/work/shared/corpus/undocs``). Two measurements, each reported as paragraphs/s and words/s with
the ratio full pipeline / tokenizer-only (target: at least 0.5), in wall time and in CPU time of this process
(``time.process_time``: less disturbed by other work on the machine):

- cold: a fresh pipeline for each side, one pass (what ``textdiff phrases DIR`` pays: the tokenizer's and
  the taggers' caches start empty); best of ``--cold-repeat`` such pairs;
- warm: one pipeline, a warm-up pass, then the best of ``--repeat`` passes of each side, interleaved
  (also without the split-word pass of the hedge and formula taggers, to show what it costs).

Then where the time goes: each component's share of a warm pass, timed Doc by Doc in pipeline order (the
hedge and formula taggers share one match pass, so timing them one after the other over all Docs would
count it twice); the lemmatizer in batches, as ``nlp.pipe`` runs it; and the fixed costs per paragraph that
no pure-Python implementation avoids (``Doc.to_array``/``Doc.from_array`` for the lemmas, the PhraseMatcher
call, the four span groups, the split into chunks), against the tokenizer's own time per paragraph.

Run: ``python benchmarks/nlp_bench.py [--corpus DIR] [--repeat N] [--cold-repeat N] [--batch-size N]``.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "undocs"


def load_paragraphs(directory: Path) -> list[str]:
    """The text of every paragraph of every document of every ``*.txt`` file in ``directory``."""
    import corpus

    texts: list[str] = []
    for path in sorted(directory.glob("*.txt")):
        for doc in corpus.load(path):
            texts.extend(p.text for p in doc.paragraphs)
    return texts


def _timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds of one call; its result (the Docs, kept during the call) is dropped after."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    out = run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    del out
    return wall, cpu


def _line(name: str, seconds: float, paragraphs: int, words: int) -> str:
    rate = f"{paragraphs / seconds:10.0f} paragraphs/s {words / seconds:11.0f} words/s"
    return f"{name:<28} {seconds:8.3f} s {rate}"


def _report(
    title: str, tok: list[tuple[float, float]], full: list[tuple[float, float]], n: int, words: int
) -> None:
    print(f"\n{title}")
    for i, clock in enumerate(("wall", "CPU")):
        t, f = min(x[i] for x in tok), min(x[i] for x in full)
        print(_line(f"tokenizer only ({clock})", t, n, words))
        print(_line(f"full pipeline ({clock})", f, n, words))
        print(f"ratio full / tokenizer-only ({clock}): {t / f:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="directory of *.txt texts")
    parser.add_argument("--repeat", type=int, default=5, help="warm passes per side (best is kept)")
    parser.add_argument(
        "--cold-repeat", type=int, default=3, help="cold pairs of fresh pipelines (best is kept)"
    )
    parser.add_argument("--batch-size", type=int, default=256, help="nlp.pipe batch size")
    args = parser.parse_args(argv)

    from nlp.pipeline import make_nlp

    texts = load_paragraphs(args.corpus)
    if not texts:
        print(f"no paragraphs found in {args.corpus}", file=sys.stderr)
        return 2
    n, words = len(texts), sum(len(t.split()) for t in texts)
    bs = args.batch_size
    print(f"input: {n} paragraphs, {words} words from {args.corpus}")

    # Cold: a fresh pipeline per side, one pass each (pipelines are built outside the timing).
    cold_tok, cold_full = [], []
    for _ in range(max(1, args.cold_repeat)):
        nlp_a = make_nlp()
        cold_tok.append(_timed(lambda nlp_a=nlp_a: list(nlp_a.tokenizer.pipe(texts, batch_size=bs))))
        nlp_b = make_nlp()
        cold_full.append(_timed(lambda nlp_b=nlp_b: list(nlp_b.pipe(texts, batch_size=bs))))
        del nlp_a, nlp_b
    _report(f"cold (fresh pipeline, one pass; best of {len(cold_tok)})", cold_tok, cold_full, n, words)

    # Warm: one pipeline, warmed up, best of N interleaved passes.
    nlp = make_nlp()
    list(nlp.pipe(texts, batch_size=bs))
    tok, full = [], []
    for _ in range(max(1, args.repeat)):
        tok.append(_timed(lambda: list(nlp.tokenizer.pipe(texts, batch_size=bs))))
        full.append(_timed(lambda: list(nlp.pipe(texts, batch_size=bs))))
    _report(f"warm (best of {len(tok)})", tok, full, n, words)

    # The same, without the split-word pass of the hedge and formula taggers (config split_words=false).
    for name in ("textdiff_hedge_tagger", "textdiff_formula_tagger"):
        nlp.get_pipe(name).split_words = False
    list(nlp.pipe(texts, batch_size=bs))
    tok2, fast = [], []
    for _ in range(max(1, args.repeat)):
        tok2.append(_timed(lambda: list(nlp.tokenizer.pipe(texts, batch_size=bs))))
        fast.append(_timed(lambda: list(nlp.pipe(texts, batch_size=bs))))
    for name in ("textdiff_hedge_tagger", "textdiff_formula_tagger"):
        nlp.get_pipe(name).split_words = True
    _report(f"warm, without the split-word pass (best of {len(tok2)})", tok2, fast, n, words)

    # Where the time goes: each component timed Doc by Doc, in pipeline order, on fresh Docs (wall clock).
    procs = list(nlp.pipeline)
    best = {name: float("inf") for name, _ in procs}
    make = float("inf")
    for _ in range(max(1, args.repeat)):
        start = time.perf_counter()
        docs = [nlp.make_doc(t) for t in texts]
        make = min(make, time.perf_counter() - start)
        spent = dict.fromkeys(best, 0.0)
        gc.collect()
        for doc in docs:
            for name, proc in procs:
                start = time.perf_counter()
                doc = proc(doc)
                spent[name] += time.perf_counter() - start
        for name in best:
            best[name] = min(best[name], spent[name])
        del docs
    print(f"\nper component (best of {max(1, args.repeat)}, Doc by Doc in pipeline order, wall)")
    print(_line("make_doc (tokenizer)", make, n, words))
    for name, seconds in best.items():
        print(_line(name, seconds, n, words))
    # The lemmatizer works a batch at a time in nlp.pipe (Doc by Doc above it takes its per-Doc path).
    lem = nlp.get_pipe("textdiff_lemmatizer")
    batched = float("inf")
    for _ in range(max(1, args.repeat)):
        docs = [nlp.make_doc(t) for t in texts]
        gc.collect()
        start = time.perf_counter()
        for _doc in lem.pipe(docs, batch_size=bs):
            pass
        batched = min(batched, time.perf_counter() - start)
        del docs
    print(_line("textdiff_lemmatizer (pipe)", batched, n, words))
    _floor(nlp, texts, args.repeat)
    return 0


def _floor(nlp, texts: list[str], repeat: int) -> None:
    """The fixed costs of the pipeline's outputs per paragraph, in µs (best of ``repeat``, CPU): what any
    pure-Python implementation pays on top of the tokenizer, whatever its algorithms. The warm target (the
    whole pipeline within twice the tokenizer) leaves the components one tokenizer pass in all; these alone
    come close to it."""
    import numpy

    from nlp.pipeline import _set_group

    docs = [nlp.make_doc(t) for t in texts]
    n = len(docs)
    group = nlp.get_pipe("textdiff_hedge_tagger")._group
    lemmas = [numpy.zeros((len(d), 1), dtype=numpy.uint64) for d in docs]

    def best(run: Callable[[], object]) -> float:
        return min(_timed(run)[1] for _ in range(max(1, repeat))) / n * 1e6

    def set_lemmas() -> None:
        for d, a in zip(docs, lemmas, strict=True):
            d.to_array(["ORTH", "LEMMA"])
            d.from_array(["LEMMA"], a)

    def groups() -> None:
        for d in docs:
            for key in ("a", "b", "c", "d"):
                _set_group(d, key, [])

    tok = best(lambda: list(nlp.tokenizer.pipe(texts)))
    with nlp.select_pipes(disable=nlp.pipe_names):
        bare = best(lambda: list(nlp.pipe(texts)))
    rows = [
        ("tokenizer (warm)", tok),
        ("nlp.pipe without components, minus tokenizer", bare - tok),
        ("Doc.to_array + Doc.from_array (lemmas)", best(set_lemmas)),
        ("PhraseMatcher pass (both lexicons)", best(lambda: [group.matcher(d) for d in docs])),
        ("four span groups (the span keys, even empty)", best(groups)),
        ("text.split(' ') (split-word trigger)", best(lambda: [t.split(" ") for t in texts])),
    ]
    print(f"\nfixed costs per paragraph (µs, CPU; best of {max(1, repeat)})")
    for name, us in rows:
        print(f"{name:<52} {us:7.2f}")
    print(f"{'sum of the fixed costs after the tokenizer':<52} {sum(us for _, us in rows[1:]):7.2f}")


if __name__ == "__main__":
    sys.exit(main())
