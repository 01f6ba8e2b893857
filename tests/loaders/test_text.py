from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders.normalise import normalise
from policykg.loaders.text import TextMap, load_text, tidy
from tests.conftest import FIXTURES

texts = st.text(alphabet=st.sampled_from(list("营商环境优化“”《》（）()，。、 ABC123１２３\n\t　") ), max_size=80)


def test_page_markers_and_page_space_dropped(write_file):
    p = write_file("a.txt", "1.深化改革。推进\n\n# Page 12:\n“一网通办”\n 查中心服务效能\n")
    st_ = load_text(p)
    assert [ln.text for ln in st_.lines] == ["1.深化改革。推进", "“一网通办”", "查中心服务效能"]
    assert [ln.no for ln in st_.lines] == [1, 4, 5]
    assert st_.lines[1].after_break and st_.lines[2].after_break


def test_owner_parenthesis_broken_by_a_line_wrap_is_rejoined():
    source = load_text(FIXTURES / "numbered_owner_parens.txt")
    tm = TextMap.from_lines(source.lines)
    assert "（上海海关）" in tm.text
    start = tm.text.index("（上海海关）")
    a, b = tm.span(start, start + len("（上海海关）"))
    assert (a, b) == (32, 33)  # "（上" and "海海关）" sit on two source lines


@given(texts)
def test_normalise_idempotent(t):
    assert normalise(normalise(t)) == normalise(t)


@given(texts)
def test_tidy_idempotent(t):
    assert tidy(tidy(t)) == tidy(t)


@given(st.lists(st.text(alphabet=st.sampled_from(list("营商环境ab 1。")), min_size=1, max_size=12), min_size=1, max_size=8))
def test_spans_always_inside_the_source(parts):
    from policykg.loaders.text import Line

    lines = [Line(no=10 + 2 * i, text=p) for i, p in enumerate(parts)]
    tm = TextMap.from_lines(lines)
    for start in range(len(tm.text)):
        for end in (start + 1, len(tm.text)):
            a, b = tm.span(start, end)
            assert 10 <= a <= b <= 10 + 2 * (len(parts) - 1)
