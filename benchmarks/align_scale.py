"""Alignment cost as the corpus grows: synthetic corpora of 1×, 10× and 100× the bundled one.

Each copy of a document recombines real measures with perturbations: ~3% of
characters substituted or dropped, clauses of some measures swapped, and one
measure in five spliced from halves of two measures of the same document.
District copies derive from the municipal copy of the same round, as the real
ones do. Every size runs in its own process so that peak memory is its own.

    python benchmarks/align_scale.py [--sizes 1 10 100]
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def perturb(text: str, rng: random.Random) -> str:
    chars = list(text)
    for i in range(len(chars)):
        r = rng.random()
        if r < 0.015:
            chars[i] = rng.choice("的和与及在对将为推进加强完善优化")
        elif r < 0.03:
            chars[i] = ""
    out = "".join(chars)
    if rng.random() < 0.3:
        parts = out.split("，")
        rng.shuffle(parts)
        out = "，".join(parts)
    return out


def synthesize(factor: int, seed: int = 7):
    from policykg.graph.build.pipeline import build_corpus

    corpus = build_corpus(ROOT / "corpus")
    parents: dict[str, list[str]] = {}
    for dl in corpus.doc_links:
        if dl.type == "derived_from":
            parents.setdefault(dl.source, []).append(dl.target)
    rng = random.Random(seed)
    docs, syn_parents = [], {}
    for c in range(factor):
        for d in corpus.documents:
            key = f"{d.key}~{c}"
            measures = []
            ms = list(d.measures)
            for m in ms:
                text = m.norm_text
                if rng.random() < 0.2 and len(ms) > 1:
                    other = rng.choice(ms).norm_text
                    text = text[: len(text) // 2] + other[len(other) // 2 :]
                text = perturb(text, rng) if c else text
                measures.append(replace(m, key=f"{key}/{'.'.join(m.path)}", norm_text=text, text=text, line_index=()))
            sections = tuple(replace(s, key=f"{key}/{'.'.join(s.path)}") for s in d.sections)
            docs.append(replace(d, key=key, measures=tuple(measures), sections=sections))
            syn_parents[key] = [f"{p}~{c}" for p in parents.get(d.key, [])]
    return docs, syn_parents


def run_one(factor: int) -> dict[str, float]:
    docs, parents = synthesize(factor)
    from policykg.graph.build.align import align

    t = time.perf_counter()
    links = align(docs, parents)
    seconds = time.perf_counter() - t
    return {
        "factor": factor, "documents": len(docs), "measures": sum(len(d.measures) for d in docs),
        "links": len(links), "seconds": round(seconds, 2),
        "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    rows = []
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        r = rows[-1]
        print(f"{r['factor']:>4}×  {r['documents']:>6} documents  {r['measures']:>7} measures  {r['links']:>7} links  "
              f"align {r['seconds']:>7.2f} s  peak RSS {r['max_rss_mib']:>8.1f} MiB", flush=True)
    for a, b in itertools.pairwise(rows):
        growth = b["seconds"] / max(a["seconds"], 1e-9)
        per_doubling = growth ** (1 / math.log2(b["measures"] / a["measures"]))
        print(f"{a['factor']}× → {b['factor']}×: time × {growth:.1f}, i.e. × {per_doubling:.2f} per doubling of the corpus")


if __name__ == "__main__":
    main()
