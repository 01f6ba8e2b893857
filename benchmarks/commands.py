"""Command latency as a user waits for it: each command as a whole process, interpreter start included.

    python benchmarks/commands.py [--repeat 5] [--corpus DIR]

Builds the corpus once into a temporary build folder (timed), then runs every
read command ``--repeat`` times and prints the median, minimum and maximum wall
time and the median CPU time (user + system of the child), next to the target.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS: list[tuple[str, list[str], float]] = [  # label, arguments, target seconds
    ("--help", ["--help"], 0.3),
    ("documents", ["documents"], 0.6),
    ("measures DOC", ["measures", "金发改规〔2023〕2号"], 0.6),
    ("trace DOC NUMBER", ["trace", "金发改规〔2023〕2号", "二（一）2"], 0.6),
    ("query agency-load", ["query", "agency-load"], 0.8),
    ("query agency-load --engine cypher", ["query", "agency-load", "--engine", "cypher"], 0.8),
    ("documents --tree", ["documents", "--tree"], 0.6),
    ("agencies --jurisdiction 金山区", ["agencies", "--jurisdiction", "金山区"], 0.8),
]


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "policykg", *args], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", type=Path, help="corpus folder (default: the bundled one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "POLICYKG_BUILD_DIR": str(Path(tmp) / "out")}
        build = ["build", "--quiet"] + (["--corpus", str(args.corpus)] if args.corpus else [])
        wall, cpu = timed(build, env)
        print(f"{'command':36} {'median':>8} {'min':>7} {'max':>7} {'cpu':>7} {'target':>7}")
        print(f"{'build (once)':36} {wall:8.2f} {'':>7} {'':>7} {cpu:7.2f} {'':>7}")
        for label, command, target in COMMANDS:
            runs = [timed(command, env) for _ in range(args.repeat)]
            walls = [w for w, _ in runs]
            median = statistics.median(walls)
            verdict = "ok" if median <= target else "SLOW"
            print(f"{label:36} {median:8.3f} {min(walls):7.3f} {max(walls):7.3f} {statistics.median(c for _, c in runs):7.3f} "
                  f"{target:7.1f} {verdict}")


if __name__ == "__main__":
    main()
