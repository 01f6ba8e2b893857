from __future__ import annotations

import pytest

from policykg.loaders.formats import LoadError, detect, extract
from policykg.loaders.normalise import unify_radicals
from policykg.loaders.reader import load
from tests.loaders.formats.conftest import JINSHAN_2021, JINSHAN_2023, corpus_text
from tests.loaders.formats.make import pdf_file

pytest.importorskip("fpdf")
pytestmark = pytest.mark.usefixtures("needs_cjk_font")


@pytest.fixture(scope="module")
def plan_2023(tmp_path_factory):
    return pdf_file(corpus_text(JINSHAN_2023), tmp_path_factory.mktemp("pdf") / "plan.pdf", running_header="上海市金山区发展和改革委员会规范性文件")


def test_pages_without_running_header_and_page_numbers(plan_2023):
    got = extract(plan_2023)
    assert got.format == "pdf" and len(got.pages) >= 5
    assert [got.lines[n - 1] for n in got.pages] == [f"# Page {k}:" for k in range(1, len(got.pages) + 1)]
    assert not any("规范性文件" in ln and "金山区发展和改革委员会" in ln for ln in got.lines)
    assert not any(ln.strip().startswith("—") for ln in got.lines)
    assert got.lines[1:4] == ("上海市金山区发展和改革委员会", "金发改规〔2023〕2号", "金山区发改委关于印发《金山区加强集成创新持续优化营商环境行动方案》的通知")


def test_provenance_names_the_page(plan_2023):
    result = load(plan_2023)
    m = next(m for m in result.documents[0].measures if m.title == "重视知识产权保护")
    span = m.provenance.span
    assert result.file.locate(span.line_start, span.line_end).startswith("plan.pdf p. 3, lines ")
    assert "“严保护、大保护、快保护、同保护”" in m.text


def test_annex_task_table_rows_keep_their_owners(tmp_path):
    """金委办〔2021〕34号: the annex task table printed with ruled cells reads to the same owners as the text copy."""
    path = pdf_file(corpus_text(JINSHAN_2021), tmp_path / "plan2021.pdf")
    got = extract(path)
    rows = [ln for ln in got.lines if ln.startswith("|")]
    assert len(rows) >= 80
    assert any(r.startswith("| 5. 企业开办和注销 |") and r.endswith("| 金山税务局 |  |") for r in rows)
    assert any("| 区科委 区财政局 金山税务局 |" in r for r in rows)  # names one per line in the cell stay apart


def test_scanned_pdf_refused_with_ocr_message(tmp_path):
    from fpdf import FPDF
    from PIL import Image

    Image.new("RGB", (200, 280), "white").save(tmp_path / "scan.png")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(tmp_path / "scan.png"), x=10, y=10, w=190)
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(LoadError, match="OCR is needed"):
        extract(tmp_path / "scan.pdf")


def test_pdf_named_txt_is_read_as_pdf(plan_2023, tmp_path):
    renamed = tmp_path / "plan.txt"
    renamed.write_bytes(plan_2023.read_bytes())
    assert detect(renamed).name == "pdf"
    assert str(load(renamed).documents[0].doc_number) == "金发改规〔2023〕2号"


def test_radical_code_points_from_pdf_text_layers():
    assert unify_radicals("⾦⼭区⼈⺠政府⻔户⽹站") == "金山区人民政府门户网站"
    assert unify_radicals("（责任单位：区发改委）") == "（责任单位：区发改委）"  # full-width punctuation untouched
