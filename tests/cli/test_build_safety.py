"""A real `policykg build` process killed at each stage leaves the previous build complete and queryable.

Builds run as subprocesses (the way users run them) on two small corpus files:
the previous build read one file, the killed builds read both, so the rows of
a saved query tell the two apart.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import CORPUS

FILES = sorted(p.name for p in CORPUS.glob("*.txt"))
SMALL = [FILES[0], FILES[4]]  # two standalone 金山区 plans whose owners the saved query counts (000, 004)
STAGES = ("read ", "writing the JSON outputs", "writing the RDF store", "validating with SHACL", "replacing")


def policykg(*args: str, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True, text=True, timeout=300,
                            env={**os.environ, **(env or {})})
    if check:
        assert result.returncode == 0, result.stderr
    return result


def rows(out: Path) -> dict[str, list[dict[str, object]]]:
    return {
        engine: json.loads(policykg("query", "agency-load", "--engine", engine, "--format", "json", "--build-dir", str(out)).stdout)
        for engine in ("sparql", "cypher")
    }


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    root = tmp_path_factory.mktemp("safety")
    one, two = root / "one", root / "two"
    one.mkdir()
    two.mkdir()
    shutil.copy(CORPUS / SMALL[0], one)
    for name in SMALL:
        shutil.copy(CORPUS / name, two)
    return one, two


def kill_at(stage: str, corpus: Path, out: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "policykg", "build", "--corpus", str(corpus), "--build-dir", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    for line in proc.stderr:
        if re.sub(r"^[\d.]+ s\s+", "", line.strip()).startswith(stage):  # progress lines open with the time so far
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL, f"the build ended before {stage!r}"


def test_a_killed_build_leaves_the_previous_build(tmp_path, corpora):
    one, two = corpora
    out = tmp_path / "out"
    policykg("build", "--corpus", str(one), "--build-dir", str(out), "--quiet")
    before = rows(out)
    assert before["sparql"] == before["cypher"] and len(before["sparql"]) > 5
    policykg("build", "--corpus", str(two), "--build-dir", str(tmp_path / "other"), "--quiet")
    after = rows(tmp_path / "other")
    assert after != before
    for stage in STAGES:
        kill_at(stage, two, out)
        now = rows(out)
        if stage == "replacing":  # killed around the swap itself: either complete build, never a mixture
            assert now in (before, after)
        else:
            assert now == before, f"killed at {stage!r}"
    policykg("build", "--corpus", str(two), "--build-dir", str(out), "--quiet")
    assert rows(out) == after
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.lock", ".out.lock", ".out.previous", "other", "out"]  # leftovers removed


def test_readers_during_a_build_see_one_complete_build(tmp_path, corpora):
    from policykg.graph.store.outputs import open_build
    from policykg.queries.run import run_on_build

    one, two = corpora
    out = tmp_path / "out"
    policykg("build", "--corpus", str(one), "--build-dir", str(out), "--quiet")
    seen: list[int] = []
    errors: list[str] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                build = open_build(out)
                n_docs = len(build.corpus().documents)
                sparql = run_on_build(build, "agency-load", "sparql", {})
                cypher = run_on_build(build, "agency-load", "cypher", {})
                seen.append(n_docs)
                assert sparql[1] and sparql == cypher, "engines disagree, or 0 rows"
            except Exception as exc:  # noqa: BLE001 — every failure is the finding
                errors.append(repr(exc))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        policykg("build", "--corpus", str(two), "--build-dir", str(out), "--quiet")
    finally:
        done.set()
        reader.join()
    assert errors == []
    assert seen and set(seen) <= {1, 2}


def test_an_empty_corpus_keeps_the_previous_build(tmp_path, corpora):
    one, _ = corpora
    out = tmp_path / "out"
    policykg("build", "--corpus", str(one), "--build-dir", str(out), "--quiet")
    manifest = (out / "manifest.json").read_bytes()
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.txt").write_text("")
    (empty / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    for extra in ([], ["--strict"]):
        result = policykg("build", "--corpus", str(empty), "--build-dir", str(out), *extra, check=False)
        assert result.returncode == 2
        assert "no document could be read" in result.stderr and "blank.txt" in result.stderr
    assert (out / "manifest.json").read_bytes() == manifest
    assert policykg("documents", "--build-dir", str(out), "--json").stdout.count('"key"') >= 1


def test_a_foreign_folder_is_never_replaced(tmp_path, corpora):
    one, _ = corpora
    foreign = tmp_path / "results"
    (foreign / "store").mkdir(parents=True)
    (foreign / "graph.lbug.wal").write_text("someone else's")
    result = policykg("build", "--corpus", str(one), "--build-dir", str(foreign), check=False)
    assert result.returncode == 1 and "is not a policykg build" in result.stderr
    assert sorted(p.name for p in foreign.iterdir()) == ["graph.lbug.wal", "store"]


def test_exports_are_byte_identical_across_processes_and_hash_seeds(tmp_path, corpora):
    one, _ = corpora
    outs = []
    for i, seed in enumerate(("0", "12345")):
        out = tmp_path / f"out{i}"
        policykg("build", "--corpus", str(one), "--build-dir", str(out), "--quiet", env={"PYTHONHASHSEED": seed})
        outs.append(out)
    for name in ("documents.json", "agencies.json", "links.json", "report.json"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    for fmt in ("ttl", "nt", "jsonld"):
        dumps = [policykg("export", "--format", fmt, "--build-dir", str(out), env={"PYTHONHASHSEED": seed}).stdout
                 for out, seed in zip(outs, ("1", "2"), strict=True)]
        assert dumps[0] == dumps[1] and len(dumps[0]) > 10_000, fmt
    csvs = []
    for out, seed in zip(outs, ("3", "4"), strict=True):
        folder = tmp_path / f"csv{seed}"
        policykg("neo4j", "export-csv", str(folder), "--build-dir", str(out), env={"PYTHONHASHSEED": seed})
        csvs.append({p.name: p.read_bytes() for p in sorted(folder.iterdir())})
    assert csvs[0] == csvs[1]


def test_quiet_prints_only_the_totals(tmp_path, corpora):
    one, _ = corpora
    result = policykg("build", "--corpus", str(one), "--build-dir", str(tmp_path / "out"), "--quiet")
    lines = (result.stdout + result.stderr).splitlines()
    assert len(lines) == 1 and lines[0].startswith("1 files (1 text), 1 documents"), lines
