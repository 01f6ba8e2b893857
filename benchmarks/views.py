"""Overview page at corpus scale and at the 10× synthetic scale: nodes, page size, and time to draw in headless Chromium.

    python benchmarks/views.py [--factor 10]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--factor", type=int, default=10)
    args = ap.parse_args()
    from property_graph import scaled_corpus

    from policykg.queries.viz import overview_view, write_view

    chromium = shutil.which("chromium")
    for factor in sorted({1, args.factor}):
        corpus = scaled_corpus(factor)
        with tempfile.TemporaryDirectory() as tmp:
            net = overview_view(corpus)
            page = write_view(net, "overview", Path(tmp) / "o.html", "overview")
            line = f"{factor:>3}×: {len(net.get_nodes())} nodes, {len(net.get_edges())} edges, page {page.stat().st_size // 1024} KiB"
            if chromium:
                t = time.perf_counter()
                dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                      "--no-first-run", f"--user-data-dir={tmp}/p", "--proxy-server=127.0.0.1:9",
                                      "--proxy-bypass-list=<-loopback>", "--virtual-time-budget=30000", "--dump-dom", page.as_uri()],
                                     capture_output=True, text=True, timeout=300).stdout
                drawn = 'data-drawn="1"' in dom
                line += f", drawn={drawn} in {time.perf_counter() - t:.1f} s wall (headless, network cut)"
                m = re.search(r'data-nodes="(\d+)"', dom)
                drawn_ms = re.search(r'data-draw-ms="(\d+)"', dom)
                line += f", page reports {m.group(1) if m else '?'} nodes, first drawn {drawn_ms.group(1) if drawn_ms else '?'} ms after navigation"
                line += ", layout frozen" if 'data-stable="1"' in dom else ", layout still moving"
            print(line, flush=True)


if __name__ == "__main__":
    main()
