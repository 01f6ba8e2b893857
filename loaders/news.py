"""A news report wrapping a document: the lead that says who issued what.

Newspapers and portals repost plans under a lead such as ``【大河财立方消息】2月14日，许昌市政府印发通知，…`` or
``据安徽省人民政府网消息，近日，安徽省人民政府发布关于…的通知``, then the document's text. The document
itself often carries no letterhead, 文号 or signature, so the lead is the only place that names its issuer
and sometimes its title. The lead is recognised by a reporting cue (消息, 讯, 记者, 据…网) or a reporting
opening (近日, 日前, 2月14日) together with an act of issuing (印发, 发布, 出台) by a body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders.text import Line

# a reporter's marks: 【…消息】, …讯, 记者, 据…网/报, 新华社…电; or a report's dateline opening
_CUE = re.compile(r"消息|讯|记者|通讯员|日电|据[\u4e00-\u9fff]{2,24}?(?:网|报|台|号)|^\s*(?:近日|日前|近期|[0-9]{1,2}月[0-9]{1,2}日)")
_ACT = re.compile(r"(?:近日|日前|近期|正式|联合|专门)?\s*(?:印发|发布|出台|公布|下发|发出)了?\s*"
                  r"(《[^》]{4,120}》|关于[^，,。；;《》]{2,80}?的(?:通知|意见|决定|方案|实施方案|行动方案)|通知)")
_TIME = re.compile(r"^(?:(?:19|20)\d\d年)?(?:\d{1,2}月\d{1,2}日|近日|日前|近期|今年以来|日前)?\s*")
_BODY = re.compile(r"(?:委员会|办公室|办公厅|人民政府|政府|领导小组|委|厅|局|办|院|署|部)$")


@dataclass(frozen=True)
class Lead:
    """What a news lead says about the document it wraps, and where it stands (a block-relative line index)."""

    issuers: tuple[str, ...]
    title: str
    line: int


def news_lead(lines: tuple[Line, ...] | list[Line], within: int = 6) -> Lead | None:
    """The news lead among the first ``within`` lines, if the page opens with one.

    >>> from policykg.loaders.text import Line
    >>> lead = news_lead([Line(1, "【大河财立方消息】2月14日,许昌市政府印发通知,对《政府工作报告》提出的重点工作任务予以分解。")])
    >>> lead.issuers, lead.title
    (('许昌市政府',), '')
    >>> news_lead([Line(1, "近期,中共青海省委办公厅、青海省人民政府办公厅印发《青海省和美乡村五年行动方案》并发出通知。")]).issuers
    ('中共青海省委办公厅', '青海省人民政府办公厅')
    >>> news_lead([Line(1, "据安徽省人民政府网消息,近日,安徽省人民政府发布关于年重点工作及责任分解的通知。")]).title
    '关于年重点工作及责任分解的通知'
    >>> news_lead([Line(1, "各区人民政府要印发《实施方案》。")]) is None
    True
    """
    for j, line in enumerate(lines[:within]):
        text = line.text.strip()
        if not _CUE.search(text[:80]):
            continue
        for act in _ACT.finditer(text):
            clause = re.split(r"[，,。：:】\]；;]", text[: act.start()])[-1]
            who = _TIME.sub("", clause.strip())
            names = tuple(n for n in re.split(r"[、]", who) if n)
            if names and all(2 <= len(n) <= 30 and _BODY.search(n) for n in names):
                what = act.group(1)
                title = what.strip("《》") if what.startswith("《") else (what if what != "通知" else "")
                return Lead(names, title, j)
    return None
