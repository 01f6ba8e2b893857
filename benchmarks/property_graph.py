"""Rows per second: neo4j-admin CSV export and embedded (LadybugDB) load, on the bundled and the 10× synthetic corpus.

    python benchmarks/property_graph.py [--factor 10] [--batch 2000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def scaled_corpus(factor: int):
    from align_scale import synthesize

    from policykg.graph.build.align import align, find_gaps
    from policykg.graph.build.pipeline import build_corpus
    from policykg.graph.store.model import PolicyGraph

    real = build_corpus(ROOT / "corpus")
    if factor == 1:
        return real
    docs, parents = synthesize(factor)
    documents = [d for d in docs if not d.cited_only]
    implements = align(documents, parents)
    keys = {m.key for d in documents for m in d.measures}
    owned_by = []
    for c in range(factor):
        owned_by += [replace(o, measure=f"{o.measure.split('/')[0]}~{c}/{o.measure.split('/', 1)[1]}") for o in real.owned_by
                     if f"{o.measure.split('/')[0]}~{c}/{o.measure.split('/', 1)[1]}" in keys]
    gaps = find_gaps(documents, implements, parents)
    return PolicyGraph(documents=tuple(documents), agencies=real.agencies, implements=tuple(implements), owned_by=tuple(owned_by),
                       gaps={k: tuple(v) for k, v in gaps.items()})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--batch", type=int, default=2000)
    args = ap.parse_args()
    from policykg.graph.store.backends.ladybug_db import LadybugBackend
    from policykg.graph.store.backends.mapping import all_rows
    from policykg.graph.store.backends.neo4j_csv import export_csv

    for factor in sorted({1, args.factor}):
        corpus = scaled_corpus(factor)
        nodes, rels = all_rows(corpus)
        n = sum(map(len, nodes.values())) + sum(map(len, rels.values()))
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            export_csv(nodes, rels, Path(tmp))
            csv_s = time.perf_counter() - t
        backend = LadybugBackend()
        t = time.perf_counter()
        backend.load_rows(nodes, rels, batch=args.batch)
        load_s = time.perf_counter() - t
        print(f"{factor:>3}×: {n:>8} rows  CSV export {csv_s:6.2f} s ({n / csv_s:>9,.0f} rows/s)  "
              f"embedded load (batch {args.batch}) {load_s:6.2f} s ({n / load_s:>8,.0f} rows/s)", flush=True)


if __name__ == "__main__":
    main()
