"""Records in Jupyter: a small escaped table of their filled fields."""

from policykg.ontology.records import Agency, Document, Provenance, Span


def test_a_document_shows_as_a_table_of_its_filled_fields():
    d = Document(key="沪府办规-2023-1", title="上海市<script>alert(1)</script>行动方案", doc_number=None, issuers=(), date="2023-01-04",
                 level="municipal", jurisdiction="上海市", sources=(), preamble="",
                 provenance={"title": Provenance(Span("a.txt", 3, 4), "header_title")})
    shown = d._repr_html_()
    assert shown.startswith("<table>") and "<b>Document</b>" in shown
    assert "<th" in shown and "2023-01-04" in shown and "上海市" in shown
    assert "<script>" not in shown and "&lt;script&gt;" in shown  # text is escaped, never markup
    assert ">doc_number<" not in shown and ">measures<" not in shown  # empty fields left out
    assert ">provenance</th><td style=\"text-align:left\">title<" in shown


def test_long_text_is_cut_and_names_are_joined():
    a = Agency(key="金山区:金山区发展和改革委员会", name="金山区发展和改革委员会" * 20, kind="agency", jurisdiction="金山区", level="district",
               functional_type="发改", aliases=("区发改委", "金山区发改委"))
    shown = a._repr_html_()
    assert "区发改委、金山区发改委" in shown and "…" in shown
