"""Script normalisation (traditional → simplified, pinyin glosses) before parsing keeps every line's source number."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.normalise import is_traditional, strip_pinyin, to_simplified
from policykg.loaders.text import load_text
from policykg.ontology.keys import content_key, doc_key

WORDS = ["關於", "優化", "營商環境", "實施方案", "區政府", "經(jīng)濟", "發(fā)展", "各部門", "工作要點", "推進", "數據"]
line = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map("".join)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(line, st.just("")), min_size=3, max_size=20))
def test_lines_keep_their_source_numbers(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("script") / "page.txt"
    raw = ["關於優化營商環境的實施方案", *lines]
    path.write_text("\n".join(raw), encoding="utf-8")
    source = load_text(path)
    for ln in source.lines:
        assert ln.text == to_simplified(strip_pinyin(raw[ln.no - 1])).strip()
    assert source.script.startswith("traditional")
    assert not any(is_traditional(ln.text) for ln in source.lines)


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@given(st.text(min_size=1, max_size=30), st.text(min_size=1, max_size=30))
def test_distinct_texts_get_distinct_keys(a, b):
    """Texts that differ beyond spacing and width never share a key; those that do not, always do."""
    same = _fold(a) == _fold(b)
    assert (content_key(a) == content_key(b)) == same
    assert (doc_key(None, a) == doc_key(None, b)) == same


COMMON = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 400)) + "，。、；：（）《》“”0123456789 "


@given(st.text(alphabet=COMMON, min_size=1, max_size=60))
def test_text_read_in_step_is_never_touched(text):
    """Only lines full of characters Chinese prose never uses are re-read one byte on."""
    from policykg.loaders.normalise import unshift_gbk

    assert unshift_gbk(text) == text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="推进政务服务智慧好办关联事项集成优化营商环境一二三四五", min_size=4, max_size=30))
def test_gbk_read_one_byte_off_is_read_back(words):
    """A heading read one byte off (a page lost the first byte) is read back, but for the one character where the decoder fell back in step."""
    from policykg.loaders.normalise import unshift_gbk

    original = "（一）" + words
    raw = b"\xa1\xa1" + original.encode("gbk")  # a full-width space before it, whose first byte the page lost
    shifted = "?" + raw[1:].decode("gbk", errors="replace")
    fixed = unshift_gbk(shifted)
    assert fixed != shifted and len(fixed) >= len(original) - 1, (shifted, fixed)
    assert sum(a != b for a, b in zip(fixed, original, strict=False)) <= 1 and fixed.startswith("（一）")  # at most the one lost character


def test_traditional_documents_keep_their_own_script_for_display():
    from policykg.loaders.reader import load
    from tests.conftest import FIXTURES

    doc = load(FIXTURES / "realworld" / "minhang-2026-yingshang-trad.txt").documents[0]
    assert doc.title == "闵行区加快打造国际一流营商环境行动方案(2026年)"
    assert doc.original_title == "閔行區加快打造國際一流營商環境行動方案(2026年)"
    m = doc.measures[0]
    assert m.original_text.startswith("推進關聯事項集成辦") and "(lián)" not in m.original_text  # pinyin glosses stay out
    assert to_simplified(m.original_text) == m.text.replace(" ", "")
    simplified = load(FIXTURES / "titled_paragraphs.txt").documents[0]
    assert simplified.original_title == "" and not any(x.original_text for x in simplified.measures)  # nothing converted, nothing kept twice


@settings(max_examples=40, deadline=None)
@given(st.lists(line, min_size=2, max_size=8), st.data())
def test_original_of_any_run_converts_back(lines_, data):
    """Any run of the converted text, across line ends, has a written-script form that converts to it."""
    from policykg.loaders.text import Line, original_of

    written = [strip_pinyin(t) for t in lines_]
    lines = [Line(i + 1, to_simplified(w), original=w) for i, w in enumerate(written)]
    joined = "".join(ln.text for ln in lines)
    start = data.draw(st.integers(0, len(joined) - 1))
    end = data.draw(st.integers(start + 1, len(joined)))
    run = joined[start:end]
    assert to_simplified(original_of(run, lines)) == run
