"""The close of a document: its signature and date, its clause of effect, its distribution lines.

A plan ends with the issuer's name and a date, sometimes with 本方案自…起施行 and 抄送/印发 lines; none of that is a
measure, and the structure reader leaves it out by these tests.
"""

from __future__ import annotations

import re

from policykg.loaders.docnumber import DATE, normalise_digits
from policykg.loaders.issuers import looks_like_org
from policykg.loaders.text import Line

_TAIL = re.compile(r"^(抄送|抄报|印发|主送|（此件|\(此件)|印发\s*$"
                   # a web page's furniture after the text
                   r"|^(相关附件|附件下载|分享到|打印本页|关闭窗口|【打印】|【关闭】|扫一扫在手机|上一篇|下一篇)")


_DATE_ONLY = re.compile(r"[（(]?\s*" + DATE.pattern + r"\s*[）)]?")


def closing_signature(lines: tuple[Line, ...] | list[Line]) -> set[int]:
    """Indices of the issuer and date lines that sign a document at its end (or just before its annexes).

    …确保各项措施落地见效。 / 湖南省人民政府 / 2022年5月10日 : the last two lines are a signature, not measure text.
    """
    out: set[int] = set()
    for i, ln in enumerate(lines):
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        if not _DATE_ONLY.fullmatch(normalise_digits(ln.text).strip()) or (nxt and not re.match(r"^(附\s*件|附\s*表)", nxt) and not is_tail_line(nxt)):
            continue
        out.add(i)
        for j in range(i - 1, max(-1, i - 4), -1):
            if not looks_like_org(lines[j].text):
                break
            out.add(j)
    return out


_DOC_SELF = r"(?:本|以上|上述)[\u4e00-\u9fff]{0,12}?(?:方案|意见|措施|办法|规定|细则|计划|条例|要点|清单|政策|通知)"
# 本方案自2024年1月1日起施行，有效期至2025年12月31日 / 第二十条【有效期】本规定自…起施行 / 本措施由市发展改革委负责解释
_EFFECT = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+条\s*)?(?:【[^】]{1,8}】)?" + _DOC_SELF
                     + r"(?:[^。]{0,30}?(?:自|从)[^。]{0,24}?(?:施行|实施|执行|生效)|[^。]{0,12}有效期|[^。]{0,40}?负责解释)")


# the same clause closing a paragraph, after a sentence of the measure, with its purpose clause (为…，本方案自…起施行)
_EFFECT_TAIL = re.compile(r"(?:^|(?<=[。；;]))((?:为[^。；;]{0,80}?[，,])?" + _DOC_SELF
                          + r"[^。；;]{0,30}?(?:自|从)[^。；;]{0,24}?(?:施行|实施|执行|生效)[^。；;]*[。；;]?)$")


def effect_tail(text: str) -> int | None:
    """Where a clause of effect closing ``text`` starts, when text of a measure comes before it.

    >>> t = "加大宣传推广。为加快推进本区营商环境建设，本行动方案自2023年1月29日起施行，有效期至2024年1月28日。"
    >>> t[effect_tail(t):]
    '为加快推进本区营商环境建设，本行动方案自2023年1月29日起施行，有效期至2024年1月28日。'
    >>> effect_tail("推动本市政策措施自动推送，自2023年起实施。") is None
    True
    """
    m = _EFFECT_TAIL.search(text)
    return m.start(1) if m and m.start(1) > 0 else None


def is_effect_clause(text: str) -> bool:
    """A document's own clause of effect or interpretation (本方案自…起施行，有效期至…; 本规定由…负责解释): about the
    document, not a measure.

    >>> [is_effect_clause(t) for t in ["本行动方案自2023 年4 月3 日起施行。", "第二十条【有效期】本管理规定自2023年5月1日起施行",
    ...                                "第十九条【解释权】本管理规定由市住房城乡建设管理委负责解释。", "本方案实施过程中，各部门要加强协同。",
    ...                                "推动本市政策措施自动推送。"]]
    [True, True, True, False, False]
    """
    return bool(_EFFECT.match(normalise_digits(text).replace(" ", "")))


def is_tail_line(text: str) -> bool:
    """Distribution lines at the end of an official document (抄送…, …印发)."""
    return bool(_TAIL.match(text)) or bool(re.search(r"\d{1,2}\s*日\s*印发$", normalise_digits(text)))
