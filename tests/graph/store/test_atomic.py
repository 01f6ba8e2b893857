"""Files written by export and view: never half-written, with the mode an ordinary write gives, no leftovers."""

from __future__ import annotations

import os
import subprocess
import sys

from policykg.graph.store.atomic import write_atomically


def test_a_new_file_follows_the_umask_and_an_existing_one_keeps_its_mode(tmp_path):
    old = os.umask(0o022)
    try:
        new = write_atomically(tmp_path / "a.html", b"<html>")
        assert new.stat().st_mode & 0o777 == 0o644  # mkstemp's 0600 had been kept
        existing = tmp_path / "b.ttl"
        existing.write_bytes(b"old")
        existing.chmod(0o640)
        write_atomically(existing, b"new")
        assert existing.stat().st_mode & 0o777 == 0o640 and existing.read_bytes() == b"new"
    finally:
        os.umask(old)


def test_temporary_files_of_a_killed_run_are_removed_by_the_next(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    stale = tmp_path / f".out.ttl.{dead}.abc123.tmp"  # what a killed `export --out out.ttl` left
    stale.write_bytes(b"half")
    mine = tmp_path / f".out.ttl.{os.getpid()}.xyz.tmp"  # a live writer's (this process): left alone
    mine.write_bytes(b"writing")
    other = tmp_path / "notes.tmp"
    other.write_bytes(b"someone else's")
    write_atomically(tmp_path / "out.ttl", b"done")
    assert not stale.exists() and mine.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, "notes.tmp", "out.ttl"])
