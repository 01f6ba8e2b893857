from policykg.loaders.segment import split_documents
from policykg.loaders.text import load_text
from tests.conftest import FIXTURES


def test_numbered_annex_list_is_not_a_new_document():
    # 4.上海市院感防控… is item 4 of a project list; "4. 上海市服务企业联席会议办公室关于印发…" is a document.
    source = load_text(FIXTURES / "compendium_annex_list.txt")
    blocks = split_documents(source.lines)
    starts = [source.lines[b.start].text[:12] for b in blocks]
    assert len(blocks) == 2, starts
    assert source.lines[blocks[0].start].text.startswith("4. 上海市服务企业")
    assert source.lines[blocks[1].start].text.startswith("5. 上海市药品监督管理局")


def test_standalone_file_is_one_document():
    source = load_text(FIXTURES / "notice_wrapper_pagespace.txt")
    assert len(split_documents(source.lines)) == 1
