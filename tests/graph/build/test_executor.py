"""Reading on a Dask cluster (a real LocalCluster, not a mock) gives the outputs the local build gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import policykg
from policykg.graph.build.executor import SchedulerError, dask_reader, load_bytes
from tests.conftest import CORPUS

pytest.importorskip("distributed", reason="Dask not installed: pip install 'policykg[dask]'")


def _outputs(folder: Path) -> dict[str, str]:
    return dict(json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["outputs"])


def test_a_two_worker_local_cluster_builds_what_this_machine_builds(tmp_path):
    said: list[str] = []
    policykg.build(CORPUS, tmp_path / "dask", validate=False, full=True, scheduler="local:2", progress=said.append)
    policykg.build(CORPUS, tmp_path / "here", validate=False, full=True)
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "here")
    assert any(line.startswith("reading on the Dask cluster") and "dashboard" in line for line in said)
    assert any(line == f"units read on the cluster: {len(list(CORPUS.glob('*.txt')))} of {len(list(CORPUS.glob('*.txt')))}" for line in said)


def test_a_worker_reads_a_file_from_its_bytes_alone():
    path = sorted(CORPUS.glob("*.txt"))[0]
    result = load_bytes(path.name, path.read_bytes())
    assert result.file.name == path.name and result.documents and result.documents[0].sources[0].file == path.name


@pytest.mark.parametrize("scheduler", ["foo", "local:0", "local:9999"])
def test_a_scheduler_that_names_no_cluster_is_a_clear_error(scheduler):
    with pytest.raises(SchedulerError), dask_reader(scheduler, lambda _m: None):
        pass
