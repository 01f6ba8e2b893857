"""A full `policykg build` on N copies of the bundled corpus: wall time, peak memory, triples.

    python benchmarks/build_scale.py --factor 10 [--factor 1 …]

Each copy renumbers its 文号 (serial + 1000 × copy), so its documents are new
documents with their own measures, owners, agencies' links, citations and
derivations; documents keyed by title only (no 文号) merge across copies, as
the same document would. The build runs as a whole process (interpreter start,
every store, SHACL); the last line printed is
``factor N: build S s, peak RSS M MiB, triples T``.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_NUMBER = re.compile(r"(〔\s*\d{4}\s*〕\s*)(\d{1,4})(\s*号)")


def synthesize(factor: int, folder: Path) -> None:
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for copy in range(factor):
            renumbered = _NUMBER.sub(lambda m, c=copy: f"{m.group(1)}{int(m.group(2)) + 1000 * c}{m.group(3)}", text) if copy else text
            (folder / f"{path.stem}~{copy}.txt").write_text(renumbered, encoding="utf-8")


def run(factor: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        synthesize(factor, corpus)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "policykg", "build", "--quiet", "--corpus", str(corpus), "--build-dir", str(Path(tmp) / "out")],
                       check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux; the largest child so far
        manifest = json.loads((Path(tmp) / "out" / "manifest.json").read_text(encoding="utf-8"))
        counts = manifest["counts"]
        from policykg.graph.backends.rdf import OxigraphBackend

        store = OxigraphBackend(Path(tmp) / "out" / "store", read_only=True)
        triples = len(store)
        store.close()
    note = "" if peak > before else " (peak not above an earlier run's)"
    return (f"factor {factor}: build {wall:.1f} s, peak RSS {peak / 1024:.0f} MiB{note}, triples {triples}"
            f" ({counts['documents']} documents, {counts['measures']} measures, {counts['implements']} implements)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, action="append", help="copies of the corpus (repeatable; default 1 and 10)")
    args = parser.parse_args()
    for factor in sorted(args.factor or [1, 10]):  # ascending, so each peak RSS is its own
        print(run(factor), flush=True)


if __name__ == "__main__":
    main()
