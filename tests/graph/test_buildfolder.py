"""Replacing a build folder: never someone else's folder, one writer at a time, nothing half-written left behind."""

import json

import pytest

from policykg.graph.buildfolder import STAGING_MARK, BuildFolderError, build_lock, staged_build
from policykg.graph.outputs import FORMAT


def _fake_build(folder, text="1"):
    (folder / "manifest.json").write_text(json.dumps({"generator": "policykg", "format": FORMAT}))
    (folder / "data.txt").write_text(text)


def test_a_new_build_replaces_the_previous_one_in_one_step(tmp_path):
    target = tmp_path / "out"
    with staged_build(target) as staging:
        assert staging.parent == tmp_path and not target.exists()
        _fake_build(staging, "first")
    with staged_build(target) as staging:
        _fake_build(staging, "second")
        assert (target / "data.txt").read_text() == "first"  # readers see the old build until the swap
    assert (target / "data.txt").read_text() == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", ".out.previous", "out"]
    assert (tmp_path / ".out.previous" / "data.txt").read_text() == "first"  # kept for readers that opened it
    with staged_build(target) as staging:
        _fake_build(staging, "third")
    assert (tmp_path / ".out.previous" / "data.txt").read_text() == "second"
    assert not (target / STAGING_MARK).exists()


def test_a_failed_build_leaves_the_previous_one(tmp_path):
    target = tmp_path / "out"
    with staged_build(target) as staging:
        _fake_build(staging, "good")
    with pytest.raises(RuntimeError), staged_build(target) as staging:
        (staging / "data.txt").write_text("half")
        raise RuntimeError("killed")
    assert (target / "data.txt").read_text() == "good"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]


def test_a_folder_that_is_not_a_build_is_refused_and_left_alone(tmp_path):
    target = tmp_path / "mine"
    (target / "store").mkdir(parents=True)
    (target / "graph.lbug.wal").write_text("not ours")
    with pytest.raises(BuildFolderError, match="not a policykg build"), staged_build(target):
        pass
    assert sorted(p.name for p in target.iterdir()) == ["graph.lbug.wal", "store"]
    file_target = tmp_path / "file"
    file_target.write_text("x")
    with pytest.raises(BuildFolderError, match="is a file"), staged_build(file_target):
        pass


def test_an_empty_folder_may_become_a_build(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    with staged_build(target) as staging:
        _fake_build(staging)
    assert (target / "manifest.json").exists()


def test_a_second_build_is_locked_out(tmp_path):
    target = tmp_path / "out"
    with build_lock(target):
        with pytest.raises(BuildFolderError, match="another build is writing"), staged_build(target):
            pass
    with staged_build(target) as staging:  # released
        _fake_build(staging)


def test_leftovers_of_killed_builds_are_removed_but_nothing_else(tmp_path):
    target = tmp_path / "out"
    leftover = tmp_path / ".out.building-abc"
    leftover.mkdir()
    (leftover / STAGING_MARK).touch()
    unmarked = tmp_path / ".out.building-xyz"  # looks like ours but carries no mark: not touched
    unmarked.mkdir()
    with staged_build(target) as staging:
        _fake_build(staging)
    assert not leftover.exists() and unmarked.exists()


def test_a_reader_keeps_reading_the_build_it_opened(tmp_path):
    from policykg.graph.outputs import open_build

    target = tmp_path / "out"
    with staged_build(target) as staging:
        _fake_build(staging, "first")
    build = open_build(target)
    with staged_build(target) as staging:
        _fake_build(staging, "second")
    assert (build.root / "data.txt").read_text() == "first"
    assert (open_build(target).root / "data.txt").read_text() == "second"


def test_a_foreign_previous_folder_stops_the_swap(tmp_path):
    target = tmp_path / "out"
    with staged_build(target) as staging:
        _fake_build(staging, "first")
    (tmp_path / ".out.previous").mkdir()
    (tmp_path / ".out.previous" / "mine.txt").write_text("x")
    with pytest.raises(BuildFolderError, match="in the way"), staged_build(target) as staging:
        _fake_build(staging, "second")
    assert (target / "data.txt").read_text() == "first"
