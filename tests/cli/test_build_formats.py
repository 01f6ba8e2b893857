"""A corpus folder that mixes text files with a web page, a Word file and a PDF builds in one `policykg build`."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from tests.cli.test_build_safety import policykg
from tests.conftest import CORPUS, FIXTURES
from tests.loaders.formats.make import docx_file, font_available, html_page, pdf_file

REALWORLD = FIXTURES / "realworld"


@pytest.mark.skipif(not font_available(), reason="PDF fixtures need Debian's fonts-noto-cjk, installed by .ci/run")
def test_mixed_folder_builds_with_each_format_named(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("README*"))
    text = {name: (REALWORLD / f"{name}.txt").read_text(encoding="utf-8") for name in
            ("hangzhou-2020-hangyingshangban-2020-1", "chongqing-2019-yufubanfa-2019-81", "xiamen-2019-xiafuban-2019-10")}
    (folder / "hangzhou.html").write_text(html_page(text["hangzhou-2020-hangyingshangban-2020-1"], {}, "杭州市营商环境"), encoding="utf-8")
    docx_file(text["chongqing-2019-yufubanfa-2019-81"], folder / "chongqing.docx")
    pdf_file(text["xiamen-2019-xiafuban-2019-10"], folder / "xiamen.pdf")
    out = tmp_path / "out"
    result = policykg("build", "--corpus", str(folder), "--build-dir", str(out), "--no-validate")
    for name, fmt in (("hangzhou.html", "html"), ("chongqing.docx", "docx"), ("xiamen.pdf", "pdf \\d+ pages?"),
                      ("000_4da8fd16706cb87c.txt", "text")):
        assert re.search(rf"read {re.escape(name)} \({fmt}[,)].*: [1-9]\d* document", result.stderr.replace("pdf, ", "pdf ")), name
    assert "8 files (1 docx, 1 html, 1 pdf, 5 text)" in result.stdout
    docs = json.loads(policykg("documents", "--build-dir", str(out), "--json").stdout)
    files = {s["file"] for d in docs for s in d.get("sources", [])}
    assert {"hangzhou.html", "chongqing.docx", "xiamen.pdf"} <= files
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {f["name"]: f["format"] for f in report["files"]}["xiamen.pdf"] == "pdf"
