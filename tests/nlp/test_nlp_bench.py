"""The NLP benchmark runs and prints both sides and their ratio (on one resolution, to stay quick)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_runs(tmp_path, resolution):
    source = resolution("74/29").source
    shutil.copy(source, tmp_path / Path(source).name)
    script = ROOT / "benchmarks" / "nlp_bench.py"
    out = subprocess.run(
        [sys.executable, str(script), "--corpus", str(tmp_path), "--repeat", "1", "--cold-repeat", "1"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert "input: 15 paragraphs" in out.stdout
    assert out.stdout.count("ratio full / tokenizer-only (wall):") == 3
    assert out.stdout.count("ratio full / tokenizer-only (CPU):") == 3
    assert "textdiff_formula_tagger" in out.stdout
