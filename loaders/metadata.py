"""The metadata block a government website prints above a document: 发文字号：…, 成文日期：…, [ 发布机构 ] ….

Sites print the same fields under many names (文件编号, 发文序号, 发布文号 are all the 文号), in brackets or after
bullets or a list's numbers, padded with spaces (名  称, 有 效 性), several to a line or one per table cell. This module
finds the block and reads its (label, value) pairs; what each field means for the document is the header's business.
"""

from __future__ import annotations

import re

from policykg.loaders.docnumber import parse_date
from policykg.loaders.text import Line

_LABEL_WORDS = ("发文字号", "发布文号", "发文序号", "发文文号", "文件编号", "文件字号", "文号", "成文日期", "成文时间", "印发日期", "发布日期",
                "发布时间", "发文日期", "发布机构", "发布机关", "发文机关", "发文单位", "索引号", "索引號", "主题分类", "体裁分类", "公文种类",
                "有效性", "主题词", "分类", "标题", "信息名称", "名称")
# sites pad a label with spaces (名  称, 有 效 性, 索 引 号): any label may have them between its characters
_LABELS = "|".join(r"\s*".join(map(re.escape, w)) for w in sorted(_LABEL_WORDS, key=len, reverse=True))
# labels a site may print with a space instead of a colon (文件编号 浦府〔2022〕1号): long enough not to open a sentence
_SPACED_LABELS = r"文\s+号|发文字号|发文序号|发文文号|文件编号|文件字号|成文日期|发布日期|发布时间|发文日期|发布机构|发文机关|索\s*引\s*[号號]"
# one label as websites print them: 成文日期：…, [ 成文日期 ] …, 文件编号 浦府〔2022〕1号; several may share a line
LABEL = re.compile(rf"(?:[\[【]\s*({_LABELS})\s*[\]】]|({_LABELS})\s*[：:]|({_SPACED_LABELS})[ \t\u3000]+(?=[^\s：:]))\s*")
# the same field under the names sites give it
_LABEL_SYNONYMS = {"发文序号": "文号", "发布文号": "文号", "发文文号": "文号", "文件编号": "文号", "文件字号": "文号", "成文时间": "成文日期",
                   "发布机关": "发布机构", "信息名称": "名称"}
# what sites put before a metadata line: list bullets, table bars
ROW_LEAD = re.compile(r"^(?:[\s•·●◆▪\-*|｜]|\d{1,2}\.\s)+")  # bullets, bars, a list's 1. before [发文机构]
_ISO_DATE = re.compile(r"((?:19|20)\d\d)\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})")  # 2018-03-27, 2018年03月27(日 lost)




def metadata_block(lines: tuple[Line, ...] | list[Line], within: int = 25) -> tuple[int, list[tuple[int, str, str]]]:
    """The block of labelled lines among the first ``within``: the index of the first line after it, and each
    (line index, label, value)."""
    end = 0
    found: list[tuple[int, str, str]] = []
    for j, line in enumerate(lines[:within]):
        pairs = labelled_fields(line.text)
        if not pairs:
            if end and j - end > 1:
                break
            continue
        end = j + 1
        found += [(j, label, value) for label, value in pairs]
    return end, found


def labelled_date(value: str) -> str | None:
    """A metadata date as ISO: 2018-03-27, 2018年3月27日, or 2018年03月27 with its 日 lost."""
    iso = _ISO_DATE.search(value)
    return f"{int(iso.group(1)):04d}-{int(iso.group(2)):02d}-{int(iso.group(3)):02d}" if iso else parse_date(value)


def labelled_fields(text: str) -> list[tuple[str, str]]:
    """The (label, value) pairs of a website metadata line; empty when the line does not start with a label.

    >>> labelled_fields("发布机构: 广州开发区营商环境改革局 成文日期: 2022-05-19")
    [('发布机构', '广州开发区营商环境改革局'), ('成文日期', '2022-05-19')]
    >>> labelled_fields("[ 成文日期 ] 2021-01-28 [ 发布日期 ] 2021-01-28")
    [('成文日期', '2021-01-28'), ('发布日期', '2021-01-28')]
    >>> labelled_fields("| 文 号: | 宁政发〔2026〕16号 | 关 键 词: | 通知 |")
    [('文号', '宁政发〔2026〕16号')]
    >>> labelled_fields("  • 发文序号:京兴政办发〔2023〕1 号"), labelled_fields("文件编号 浦府〔2022〕1号")
    ([('文号', '京兴政办发〔2023〕1 号')], [('文号', '浦府〔2022〕1号')])
    >>> labelled_fields("【发布文号】新政发[1994]103号"), labelled_fields("【发布日期】1994-12-27")
    ([('文号', '新政发[1994]103号')], [('发布日期', '1994-12-27')])
    """
    text = ROW_LEAD.sub("", text)
    found = list(LABEL.finditer(text))
    if not found or found[0].start() != 0:
        return []
    out = []
    for k, m in enumerate(found):
        value = text[m.end() : found[k + 1].start() if k + 1 < len(found) else len(text)]
        value = re.split(r"[|｜]", value.strip().lstrip("|｜"))[0].strip()  # a table row: the value is the next cell
        label = re.sub(r"\s", "", m.group(1) or m.group(2) or m.group(3)).replace("號", "号")
        out.append((_LABEL_SYNONYMS.get(label, label), value))
    return out
