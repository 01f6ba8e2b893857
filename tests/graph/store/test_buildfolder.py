"""Replacing a build folder: never someone else's folder, one writer at a time, nothing half-written left behind."""

import json

import pytest

from policykg.graph.store.buildfolder import STAGING_MARK, BuildFolderError, build_lock, staged_build
from policykg.graph.store.outputs import FORMAT, OUTPUT_FILES


def _fake_build(folder, text="1"):
    """A build as the tool writes one: its outputs, and a manifest holding their hashes."""
    import hashlib

    outputs = {}
    for name in OUTPUT_FILES:
        (folder / name).write_text(text if name == "documents.json" else "[]")
        outputs[name] = hashlib.sha256((folder / name).read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps({"generator": "policykg", "format": FORMAT, "outputs": outputs}))


def test_a_new_build_replaces_the_previous_one_in_one_step(tmp_path):
    target = tmp_path / "out"
    with staged_build(target) as staging:
        assert staging.parent == tmp_path and not target.exists()
        _fake_build(staging, "first")
    with staged_build(target) as staging:
        _fake_build(staging, "second")
        assert (target / "documents.json").read_text() == "first"  # readers see the old build until the swap
    assert (target / "documents.json").read_text() == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", ".out.previous", "out"]
    assert (tmp_path / ".out.previous" / "documents.json").read_text() == "first"  # kept for readers that opened it
    with staged_build(target) as staging:
        _fake_build(staging, "third")
    assert (tmp_path / ".out.previous" / "documents.json").read_text() == "second"
    assert not (target / STAGING_MARK).exists()


def test_a_failed_build_leaves_the_previous_one(tmp_path):
    target = tmp_path / "out"
    with staged_build(target) as staging:
        _fake_build(staging, "good")
    with pytest.raises(RuntimeError), staged_build(target) as staging:
        (staging / "documents.json").write_text("half")
        raise RuntimeError("killed")
    assert (target / "documents.json").read_text() == "good"
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
    from policykg.graph.store.outputs import open_build

    target = tmp_path / "out"
    with staged_build(target) as staging:
        _fake_build(staging, "first")
    build = open_build(target)
    with staged_build(target) as staging:
        _fake_build(staging, "second")
    assert (build.root / "documents.json").read_text() == "first"
    assert (open_build(target).root / "documents.json").read_text() == "second"


def test_a_reader_whose_build_was_removed_is_told_so(tmp_path):
    """Two rebuilds remove the build a long-lived reader pinned: a clear error, not a raw FileNotFoundError."""
    from policykg.graph.store.outputs import BuildNotFound, open_build

    target = tmp_path / "out"
    with staged_build(target) as staging:
        _fake_build(staging, "first")
    build = open_build(target)
    for n in ("second", "third"):
        with staged_build(target) as staging:
            _fake_build(staging, n)
    with pytest.raises(BuildNotFound, match="open the folder again"):
        build.corpus()


def test_a_foreign_previous_folder_stops_the_swap(tmp_path):
    target = tmp_path / "out"
    with staged_build(target) as staging:
        _fake_build(staging, "first")
    (tmp_path / ".out.previous").mkdir()
    (tmp_path / ".out.previous" / "mine.txt").write_text("x")
    with pytest.raises(BuildFolderError, match="in the way"), staged_build(target) as staging:
        _fake_build(staging, "second")
    assert (target / "documents.json").read_text() == "first"


def test_a_folder_whose_manifest_only_claims_to_be_a_build_keeps_its_files(tmp_path):
    """The audit's attack: a manifest saying "generator": "policykg" beside someone's files."""
    target = tmp_path / "mydocs"
    target.mkdir()
    (target / "manifest.json").write_text(json.dumps({"generator": "policykg", "format": FORMAT}))
    (target / "a.txt").write_text("mine")
    with pytest.raises(BuildFolderError, match=r"files policykg did not write \(a.txt\)"), staged_build(target):
        pass
    assert (target / "a.txt").read_text() == "mine"
    _fake_build(target)  # a real build's files, plus a.txt: still refused, still kept
    with pytest.raises(BuildFolderError, match="a.txt"), staged_build(target):
        pass
    (target / "a.txt").unlink()
    (target / "documents.json").write_text("edited by hand")  # hashes no longer match
    with pytest.raises(BuildFolderError, match="does not match"), staged_build(target):
        pass
    assert (target / "documents.json").read_text() == "edited by hand"


def test_a_symlinked_build_folder_is_rebuilt_through_its_link(tmp_path):
    real = tmp_path / "real"
    link = tmp_path / "out"
    real.mkdir()
    link.symlink_to(real)
    for n in ("first", "second", "third"):  # the audit saw the second build fail ("… is in the way")
        with staged_build(link) as staging:
            _fake_build(staging, n)
        assert link.is_symlink() and (link / "documents.json").read_text() == n
    assert (real / "documents.json").read_text() == "third"
