"""Rebuilds read only the new and changed files, and their outputs are byte-identical to a full build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import policykg
from policykg.graph.build.readcache import CACHE
from tests.conftest import CORPUS

FILES = sorted(p.name for p in CORPUS.glob("*.txt"))


def _outputs(folder: Path) -> dict[str, str]:
    """What a build's manifest says its outputs are (their hashes), and the report."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return {**manifest["outputs"], "report": (folder / "report.json").read_text(encoding="utf-8")}


def _full(corpus: Path, tmp: Path) -> dict[str, str]:
    out = tmp / f"full-{len(list(tmp.iterdir()))}"
    policykg.build(corpus, out, validate=False, full=True)
    return _outputs(out)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in FILES[:3]:
        shutil.copy(CORPUS / name, folder)
    return folder


def _say(lines: list[str]):
    return lines.append


def test_add_modify_rename_remove_give_what_a_full_build_gives(corpus, tmp_path):
    out, fulls = tmp_path / "out", tmp_path / "fulls"
    fulls.mkdir()
    policykg.build(corpus, out, validate=False)
    steps = {
        "unchanged": lambda: None,
        "add": lambda: shutil.copy(CORPUS / FILES[3], corpus),
        "modify": lambda: (corpus / FILES[0]).write_text((corpus / FILES[0]).read_text(encoding="utf-8").replace("持续推进", "持续深化推进", 1),
                                                         encoding="utf-8"),
        "rename": lambda: (corpus / FILES[1]).rename(corpus / ("z_" + FILES[1])),
        "remove": lambda: (corpus / FILES[2]).unlink(),
    }
    for step, change in steps.items():
        change()
        said: list[str] = []
        policykg.build(corpus, out, validate=False, progress=_say(said))
        read_again = [line for line in said if line.startswith("read ") and "unchanged" not in line]
        assert _outputs(out) == _full(corpus, fulls), step
        expected = {"unchanged": 0, "add": 1, "modify": 1, "rename": 1, "remove": 0}[step]
        assert len(read_again) == expected, (step, read_again)
        entries = sorted(p.name for p in (out / CACHE / "read").iterdir())
        assert len(entries) == len(list(corpus.iterdir())), step  # what a removed or changed file left is dropped


def test_a_corrupt_entry_is_ignored_with_a_warning(corpus, tmp_path):
    out = tmp_path / "out"
    policykg.build(corpus, out, validate=False)
    before = _outputs(out)
    entry = sorted((out / CACHE / "read").iterdir())[0]
    entry.write_bytes(b"not a pickle")
    said: list[str] = []
    policykg.build(corpus, out, validate=False, progress=_say(said))
    assert any(line.startswith("warning:") and "ignored" in line for line in said), said
    assert _outputs(out) == before
    assert not [p for p in tmp_path.iterdir() if ".cache-" in p.name]  # the cache folder went into the build


def test_full_reads_every_file_again(corpus, tmp_path):
    out = tmp_path / "out"
    policykg.build(corpus, out, validate=False)
    said: list[str] = []
    policykg.build(corpus, out, validate=False, full=True, progress=_say(said))
    assert not any("unchanged" in line for line in said)
    assert len(list((out / CACHE / "read").iterdir())) == len(FILES[:3])
