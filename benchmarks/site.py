"""`policykg site` as a user waits for it: the whole command on a build of N copies of the corpus.

    python benchmarks/site.py [--factor 10 …]

Builds N copies (as benchmarks/build_scale.py makes them), then times `policykg site --out DIR` as a whole process
and prints ``factor N: site S s, P pages, M MiB on disk, search index I MiB``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_scale import synthesize  # noqa: E402


def run(factor: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        corpus, build, site = Path(tmp) / "corpus", Path(tmp) / "out", Path(tmp) / "site"
        corpus.mkdir()
        synthesize(factor, corpus)
        subprocess.run([sys.executable, "-m", "policykg", "build", "--quiet", "--no-validate", "--corpus", str(corpus), "--build-dir", str(build)],
                       check=True, stdout=subprocess.DEVNULL)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "policykg", "site", "--out", str(site), "--build-dir", str(build)], check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t
        files = [p for p in site.rglob("*") if p.is_file()]
        pages = sum(1 for p in files if p.suffix == ".html")
        size = sum(p.stat().st_size for p in files) / 2**20
        index = (site / "static" / "search-index.js").stat().st_size / 2**20
    return f"factor {factor}: site {wall:.1f} s, {pages} pages, {size:.0f} MiB on disk, search index {index:.1f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, action="append", help="copies of the corpus (repeatable; default 1 and 10)")
    args = parser.parse_args()
    for factor in sorted(args.factor or [1, 10]):
        print(run(factor), flush=True)


if __name__ == "__main__":
    main()
