"""Every cost of reading one file is bounded: size on disk, inflated size, text given; numbers of any length."""

from __future__ import annotations

import zipfile

from policykg.loaders.reader import load


def test_a_file_over_the_limits_is_skipped_with_a_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYKG_MAX_FILE_MIB", "1")  # 1 MiB on disk or inflated; 12 MiB of text at least
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (2 << 20))
    r = load(big)
    assert not r.documents and r.problems[0].severity == "skipped" and "over the limit of 1 MiB" in r.problems[0].reason
    text = tmp_path / "text.md"  # under 20 MiB on disk, but 13 MiB of text is over the text limit (12 MiB)
    monkeypatch.setenv("POLICYKG_MAX_FILE_MIB", "20")
    text.write_text("金山区测试行动方案\n" + "推进改革优化服务" * (600_000), encoding="utf-8")
    r = load(text)
    assert not r.documents and "MiB of text, over the limit of 12 MiB" in r.problems[0].reason


def test_a_word_file_that_inflates_past_the_limit_is_never_inflated(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYKG_MAX_FILE_MIB", "1")
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>" + "推进" * (1 << 20) + "</w:document>")  # 6 MiB inflated
    assert path.stat().st_size < 200_000
    r = load(path)
    assert not r.documents and "inflates to 6 MiB, over the limit of 1 MiB" in r.problems[0].reason


def test_numbers_of_any_length_are_read(tmp_path):
    lines = ["金山区测试行动方案", "", "一、主要任务"]
    lines += [f"{i}.推进第{i}项改革。（责任单位：区发改委）" for i in range(1, 1206)]
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (doc,) = load(path).documents
    assert len(doc.measures) == 1205 and doc.measures[-1].number.startswith("1205")  # 999 were read before
