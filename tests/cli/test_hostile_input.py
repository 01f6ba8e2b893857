"""Hostile input from downloaded files: the corpus walk stays inside its folder and says what it passes over,
and nothing printed can drive the terminal."""

from __future__ import annotations

import os

from click.testing import CliRunner

from policykg.cli import main
from tests.conftest import CORPUS

PLAN = "金山区测试行动方案\n\n一、主要任务\n1.推进改革。加强管理。（责任单位：区发改委）\n2.优化服务。（责任单位：区财政局）\n"


def test_the_corpus_walk_stays_inside_the_folder_and_names_what_it_passes_over(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "plan.txt").write_text(PLAN, encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text(PLAN.replace("测试", "秘密"), encoding="utf-8")
    (corpus / "out.txt").symlink_to(outside)  # a link out of the folder: the audit saw /etc/hostname read
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (corpus / "inside.txt").symlink_to(corpus / "plan.txt")  # a link within the folder is read
    (corpus / "sub").mkdir()
    os.mkfifo(corpus / "pipe.txt")  # reading it would block the build
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--build-dir", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    report = (tmp_path / "out" / "report.json").read_text(encoding="utf-8")
    assert "秘密" not in (tmp_path / "out" / "documents.json").read_text(encoding="utf-8")
    for name, why in [("out.txt", "outside the corpus folder"), ("loop.txt", "leads nowhere"), ("dangling.txt", "leads nowhere"),
                      ("sub", "a subfolder"), ("pipe.txt", "not a regular file")]:
        assert f"{name}: " in result.output and why in result.output, name
        assert name in report
    assert "inside.txt: " not in result.output  # read, not passed over


def test_control_characters_are_printed_as_escapes(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a\x1b]0;pwned\x07.txt").write_text(PLAN, encoding="utf-8")
    (corpus / "b.txt").write_text("\x1b[2J" + (CORPUS / sorted(p.name for p in CORPUS.glob("*.txt"))[0]).read_text(encoding="utf-8")[:3000],
                                  encoding="utf-8")
    runner = CliRunner()
    built = runner.invoke(main, ["build", "--corpus", str(corpus), "--build-dir", str(tmp_path / "out")])
    listed = runner.invoke(main, ["documents", "--build-dir", str(tmp_path / "out")])
    for result in (built, listed):
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output
    assert "a\\x1b]0;pwned\\x07.txt" in built.output


def test_a_second_build_is_refused_before_any_file_is_read(tmp_path):
    """The audit saw a second build (and an unwritable target) refused only after 7-14 s of reading."""
    import pytest

    import policykg
    from policykg.graph.store.buildfolder import BuildFolderError, build_lock

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "plan.txt").write_text(PLAN, encoding="utf-8")
    said: list[str] = []
    out = tmp_path / "out"
    with build_lock(out), pytest.raises(BuildFolderError, match="another build"):
        policykg.build(corpus, out, progress=said.append)
    assert said == []  # nothing read


def test_an_unwritable_target_is_refused_before_any_file_is_read(tmp_path):
    import pytest

    import policykg
    from policykg.graph.store.buildfolder import BuildFolderError

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "plan.txt").write_text(PLAN, encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    said: list[str] = []
    with pytest.raises(BuildFolderError, match="cannot create"):
        policykg.build(corpus, blocker / "out", progress=said.append)  # its parent cannot be made: a file is there
    assert said == []
