"""Every notebook runs top to bottom (nbclient) with no error and no warning in its outputs, and is stored without outputs."""

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
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert not [o["text"] for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    texts = [o.get("text", "") + "".join(str(v) for v in o.get("data", {}).values()) for o in outputs]
    assert not [t for t in texts if "Warning" in t], "a warning reached the notebook's outputs"
    if any(".plot" in c.source for c in nb.cells if c.cell_type == "code"):  # a chart the reader must see
        assert any("image/png" in o.get("data", {}) for o in outputs)
    assert sum(c.cell_type == "markdown" for c in nb.cells) >= sum(c.cell_type == "code" for c in nb.cells) // 2  # narrated
    pages = [o["data"]["text/html"] for o in outputs if "<iframe srcdoc=" in o.get("data", {}).get("text/html", "")]
    assert pages and all("vis.Network" in p or "coverage ·" in p for p in pages)  # every view is drawn inline


def test_trace_notebook_shows_the_diff_as_a_table(build_dir, monkeypatch):
    """The side-by-side cell renders a table with the district and municipal columns and the kept / added runs."""
    from nbclient import NotebookClient

    monkeypatch.setenv("POLICYKG_BUILD_DIR", str(build_dir))
    path = next(p for p in NOTEBOOKS if "trace" in p.stem)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    tables = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code" and "side_by_side" in c.source for o in c.outputs if "data" in o]
    assert tables and "区级 district" in tables[0] and "市级 municipal" in tables[0] and ">kept<" in tables[0]
    assert any("coverage_html" in c.source for c in nb.cells)


def test_there_are_notebooks():
    assert NOTEBOOKS
