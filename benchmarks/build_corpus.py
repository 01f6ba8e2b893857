"""Time the build of the bundled corpus (loading, merging, writing outputs), not interpreter start.

    python benchmarks/build_corpus.py [--repeat N] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = ap.parse_args()
    t0 = time.perf_counter()
    from policykg.graph.build.pipeline import build_corpus, write_outputs  # imports are timed separately

    imports = time.perf_counter() - t0
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            t = time.perf_counter()
            corpus = build_corpus(args.corpus)
            write_outputs(corpus, Path(tmp))
            times.append(time.perf_counter() - t)
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in args.corpus.glob("*.txt"))
    print(f"corpus: {len(corpus.files)} files, {lines} lines, {len(corpus.documents)} documents, "
          f"{sum(len(d.measures) for d in corpus.documents)} measures")
    print(f"imports: {imports:.3f} s")
    print(f"build (first run, cold caches): {times[0]:.3f} s")
    print(f"build over {len(times)} runs: median {statistics.median(times):.3f} s, min {min(times):.3f} s, max {max(times):.3f} s")


if __name__ == "__main__":
    main()
