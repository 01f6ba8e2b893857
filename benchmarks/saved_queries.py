"""Saved-query latency on the embedded SPARQL store (Oxigraph) and the embedded Cypher engine,
on the bundled corpus and on the 10× synthetic corpus. Targets: < 100 ms each, trace < 20 ms (SPARQL).

    python benchmarks/saved_queries.py [--factor 10] [--repeat 5]
    python benchmarks/saved_queries.py --build-dir DIR     # the stores of a build folder (e.g. of build_scale's corpus)
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

# every saved query runs with its defaults; these add the parameters that make a query do real work on both
# sizes, and the other side of gaps (each kind is a different plan)
PARAMS = {
    "trace": {"measure": "嘉发改规-2023-2/2.1.1"},
    "gaps": {"kind": "municipal"},
    "gaps kind=district": {"kind": "district"},
    "counterparts": {"agency": "上海市:上海市商务委员会"},
}


def _runs(trace: dict[str, str]) -> dict[str, dict[str, object]]:
    from policykg.queries.catalog import names

    return {**{name: {} for name in names()}, **PARAMS, "trace": trace}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--build-dir", type=Path, help="time the queries on this build folder's stores instead")
    args = ap.parse_args()
    if args.build_dir:
        from policykg.graph.store.backends.ladybug_db import LadybugBackend
        from policykg.graph.store.backends.rdf import OxigraphBackend

        store = OxigraphBackend(args.build_dir / "store", read_only=True)
        backend = LadybugBackend(args.build_dir / "graph.lbug", read_only=True)
        measure = backend.query("MATCH (m:Measure)-[e:IMPLEMENTS]->(t) WHERE e.confidence = 'high' RETURN m.key ORDER BY m.key LIMIT 1")[1][0][0]
        print(f"{args.build_dir}: {len(store)} triples; trace of {measure}", flush=True)
        _time_all(store, backend, _runs({"measure": measure}), args.repeat)
        return
    from property_graph import scaled_corpus

    from policykg.graph.store.backends.ladybug_db import LadybugBackend
    from policykg.graph.store.backends.rdf import OxigraphBackend

    for factor in sorted({1, args.factor}):
        corpus = scaled_corpus(factor)
        store = OxigraphBackend()
        triples = store.load(corpus)
        backend = LadybugBackend()
        backend.load(corpus)
        print(f"{factor}×: {triples} triples", flush=True)
        measure = PARAMS["trace"]["measure"]
        _time_all(store, backend, _runs({"measure": measure.replace("/", "~0/", 1) if factor > 1 else measure}), args.repeat)


def _time_all(store, backend, params_of, repeat) -> None:
    from policykg.queries.catalog import get
    from policykg.queries.run import bind

    for label, params in params_of.items():
        name = label.split()[0]
        times = {}
        for engine in ("sparql", "cypher"):
            q = get(name, engine)
            run = functools.partial((store if engine == "sparql" else backend).query, q.text, bind(q, dict(params)))
            rows = run()[1]
            ts = []
            for _ in range(repeat):
                t = time.perf_counter()
                run()
                ts.append(time.perf_counter() - t)
            times[engine] = (statistics.median(ts) * 1000, len(rows))
        print(f"  {label:<24} SPARQL {times['sparql'][0]:8.1f} ms  Cypher {times['cypher'][0]:8.1f} ms  ({times['sparql'][1]} rows)", flush=True)


if __name__ == "__main__":
    main()
