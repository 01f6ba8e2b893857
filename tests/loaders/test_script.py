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
