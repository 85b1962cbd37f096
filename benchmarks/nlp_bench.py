"""Throughput of the NLP pipeline against spaCy's tokenizer alone, on the same paragraphs in the same run.

Input: every paragraph of the General Assembly resolutions in the shared corpus (``corpus.load`` of each
file of ``/work/shared/corpus/undocs``). Two measurements, each reported as paragraphs/s and words/s with
the ratio full pipeline / tokenizer-only (target: at least 0.5):

- cold: a fresh pipeline for each side, one pass (what ``textdiff phrases DIR`` pays: the tokenizer's and
  the lemmatizer's caches start empty);
- warm: one pipeline, a warm-up pass, then the best of ``--repeat`` passes of each side, interleaved
  (also without the split-word pass of the hedge and formula taggers, to show what it costs).

Then the time of each component on the same pre-tokenized docs, to show where the time goes.

Run: ``python benchmarks/nlp_bench.py [--corpus DIR] [--repeat N] [--batch-size N]``.
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


def _timed(run: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def _line(name: str, seconds: float, paragraphs: int, words: int) -> str:
    rate = f"{paragraphs / seconds:10.0f} paragraphs/s {words / seconds:11.0f} words/s"
    return f"{name:<28} {seconds:8.3f} s {rate}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="directory of *.txt texts")
    parser.add_argument("--repeat", type=int, default=5, help="warm passes per side (best is kept)")
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

    # Cold: a fresh pipeline per side, one pass each.
    nlp_a = make_nlp()
    cold_tok = _timed(lambda: list(nlp_a.tokenizer.pipe(texts, batch_size=bs)))
    nlp_b = make_nlp()
    cold_full = _timed(lambda: list(nlp_b.pipe(texts, batch_size=bs)))
    print("\ncold (fresh pipeline, one pass)")
    print(_line("tokenizer only", cold_tok, n, words))
    print(_line("full pipeline", cold_full, n, words))
    print(f"ratio full / tokenizer-only: {cold_tok / cold_full:.2f}")

    # Warm: one pipeline, warmed up, best of N interleaved passes.
    nlp = make_nlp()
    list(nlp.pipe(texts, batch_size=bs))
    tok, full = [], []
    for _ in range(max(1, args.repeat)):
        tok.append(_timed(lambda: list(nlp.tokenizer.pipe(texts, batch_size=bs))))
        full.append(_timed(lambda: list(nlp.pipe(texts, batch_size=bs))))
    print(f"\nwarm (best of {len(tok)})")
    print(_line("tokenizer only", min(tok), n, words))
    print(_line("full pipeline", min(full), n, words))
    print(f"ratio full / tokenizer-only: {min(tok) / min(full):.2f}")

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
    print(f"\nwarm, without the split-word pass (best of {len(tok2)})")
    print(_line("tokenizer only", min(tok2), n, words))
    print(_line("full pipeline", min(fast), n, words))
    print(f"ratio full / tokenizer-only: {min(tok2) / min(fast):.2f}")

    # Where the time goes: each component alone on the same tokenized docs (kept text included).
    print(f"\nper component (best of {len(tok)}, on pre-tokenized docs)")
    docs = [nlp.make_doc(t) for t in texts]
    print(_line("tokenizer (reference)", min(tok), n, words))
    for name, proc in nlp.pipeline:
        best = min(_timed(lambda proc=proc: [proc(d) for d in docs]) for _ in range(max(1, args.repeat)))
        print(_line(name, best, n, words))
    return 0


if __name__ == "__main__":
    sys.exit(main())
