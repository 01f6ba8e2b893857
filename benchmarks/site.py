"""`policykg site` as a user waits for it: the whole command on a build of N copies of the corpus.

    python benchmarks/site.py [--factor 10 …] [--serve]

Builds N copies (as benchmarks/build_scale.py makes them), then times `policykg site --out DIR` as a whole process
and prints ``factor N: site S s, P pages, M MiB on disk, search index I MiB``. With ``--serve`` it also starts
`policykg serve` on that build and times what a user waits for: the server ready (it renders the pages first), then
over HTTP the home page, 200 pages of every kind and six searches with their facets (median and slowest):
``factor N served: ready in R s, home page H ms, pages median M ms, slowest X ms; search median S ms, slowest T ms``.
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


def run(factor: int, serving: bool) -> list[str]:
    """Build N copies once; time `policykg site` on it, and `policykg serve` when asked."""
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
        out = [f"factor {factor}: site {wall:.1f} s, {pages} pages, {size:.0f} MiB on disk, search index {index:.1f} MiB"]
        if serving:
            out.append(serve(factor, build, sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))))
    return out


def serve(factor: int, build: Path, pages: list[str]) -> str:
    """`policykg serve` on a build: the server ready, then pages and searches over HTTP."""
    import random
    import socket
    import statistics
    import urllib.parse
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "policykg", "serve", "--build-dir", str(build), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert server.stderr is not None
        t = time.perf_counter()
        while b"SPARQL endpoint on" not in server.stderr.readline():  # it renders the pages, then listens
            pass
        started = time.perf_counter() - t
        base = f"http://127.0.0.1:{port}/"

        def fetch(path: str) -> float:
            t = time.perf_counter()
            with urllib.request.urlopen(base + path, timeout=600) as response:
                response.read()
            return time.perf_counter() - t

        first = fetch("")
        times = [fetch(urllib.parse.quote(p)) * 1000 for p in random.Random(7).sample(pages, min(200, len(pages)))]
        searches = [fetch("search.json?" + urllib.parse.urlencode({"q": q})) * 1000
                    for q in ("双随机", "营商环境", "区发改委", "一网通办 金山", "企业", "数据")]
    finally:
        server.terminate()
        server.wait()
    return (f"factor {factor} served: ready in {started:.1f} s, home page {first * 1000:.1f} ms, pages median "
            f"{statistics.median(times):.1f} ms, slowest {max(times):.1f} ms ({len(times)} pages); search median "
            f"{statistics.median(searches):.1f} ms, slowest {max(searches):.1f} ms ({len(searches)} queries with facets)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, action="append", help="copies of the corpus (repeatable; default 1 and 10)")
    parser.add_argument("--serve", action="store_true", help="also time the pages served by `policykg serve`")
    args = parser.parse_args()
    for factor in sorted(args.factor or [1, 10]):
        for line in run(factor, args.serve):
            print(line, flush=True)


if __name__ == "__main__":
    main()
