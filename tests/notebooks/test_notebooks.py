"""Every notebook runs top to bottom (nbclient), and is stored without outputs."""

from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, build_dir, monkeypatch):
    from nbclient import NotebookClient

    monkeypatch.setenv("POLICYKG_BUILD_DIR", str(build_dir))  # the kernel opens the session's build

    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count") for c in nb.cells if c.cell_type == "code"), "store notebooks without outputs"
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    if any(".plot" in c.source for c in nb.cells if c.cell_type == "code"):  # a chart the reader must see
        assert any("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def test_there_are_notebooks():
    assert NOTEBOOKS
