"""The fourteen real pages from across China, each made into a Word file, a PDF and a web page, read as their text copy does.

What is compared: title, 文号, signing date, jurisdiction, measure count, owner mentions and citations of
the first document. Floors are the figures measured when the readers landed (docx 14, html 14, pdf 13 of 14:
the miss is a page flattened to one line that a PDF can only show wrapped, so its lost paragraph marks
fall mid-line).
"""

from __future__ import annotations

import pytest

from policykg.loaders.reader import LoadResult, load
from tests.conftest import FIXTURES
from tests.loaders.formats.make import docx_file, font_available, html_page, pdf_file

PAGES = sorted((FIXTURES / "realworld").glob("*.txt"))
FLOORS = {"docx": 14, "html": 14, "pdf": 13}


def _signature(result: LoadResult) -> tuple[object, ...] | None:
    if not result.documents:
        return None
    d = result.documents[0]
    return (d.title, str(d.doc_number), d.date, d.jurisdiction, len(d.measures), sum(len(m.owners) for m in d.measures), len(d.citations))


@pytest.mark.parametrize("fmt", sorted(FLOORS))
def test_real_pages_read_the_same_in_every_format(fmt, tmp_path):
    if fmt == "pdf" and not font_available():
        pytest.skip("PDF fixtures need Debian's fonts-noto-cjk, installed by .ci/run")
    assert len(PAGES) == 14
    same, misses = 0, []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        target = tmp_path / f"{page.stem}.{fmt}"
        if fmt == "docx":
            docx_file(text, target)
        elif fmt == "pdf":
            pdf_file(text, target, running_header="政府公报")
        else:
            target.write_text(html_page(text, {}, ""), encoding="utf-8")
        want, got = _signature(load(page)), _signature(load(target))
        if got == want:
            same += 1
        else:
            misses.append((page.stem, want, got))
    assert same >= FLOORS[fmt], misses
