import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders.docnumber import is_doc_number_line, parse_date, parse_doc_number

CJK = st.sampled_from(list("沪府办规发金黄嘉松徐长青奉公通字企服改营联委建审住高法商自贸"))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("沪府办规〔2023〕1号", "沪府办规〔2023〕1号"),
        ("沪府办规〔2023〕1 号", "沪府办规〔2023〕1号"),
        ("沪府办规[2023]1号", "沪府办规〔2023〕1号"),
        ("沪府办规（2023）1号", "沪府办规〔2023〕1号"),
        ("沪府办规【2023】1号", "沪府办规〔2023〕1号"),
        ("沪府办规 〔 2023 〕 第1号", "沪府办规〔2023〕1号"),
        ("金营联办〔２０２４〕３号", "金营联办〔2024〕3号"),
        ("（沪公指通字〔2023〕93 号）精神", "沪公指通字〔2023〕93号"),
    ],
)
def test_variants_normalise(text, expected):
    assert str(parse_doc_number(text)) == expected


def test_parts():
    n = parse_doc_number("沪发改规范〔2023〕6 号")
    assert (n.issuer_code, n.prefix, n.klass, n.year, n.serial) == ("沪发改规范", "沪发改", "规范", 2023, 6)


def test_same_serial_different_issuers_differ():
    assert parse_doc_number("金发改规〔2023〕2号") != parse_doc_number("嘉发改规〔2023〕2号")


@given(code=st.text(CJK, min_size=2, max_size=6), year=st.integers(1990, 2099), serial=st.integers(1, 9999))
def test_format_then_parse_round_trips(code, year, serial):
    text = f"{code}〔{year}〕{serial}号"
    parsed = parse_doc_number(text)
    assert str(parsed) == text
    assert str(parse_doc_number(str(parsed))) == text  # idempotent


@given(st.text(max_size=60))
def test_parser_never_raises(text):
    parse_doc_number(text)
    is_doc_number_line(text)
    parse_date(text)


def test_doc_number_line_with_signer():
    assert str(is_doc_number_line(" 金营联办〔2024〕3 号 签发人：陈干新")) == "金营联办〔2024〕3号"
