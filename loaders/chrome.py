"""What a website prints around a document: navigation, share buttons, breadcrumbs, its source line.

A page copied from a government site carries the site's furniture (当前位置：首页 > 政策文件, 扫一扫, 字体：大 中 小,
来源：襄阳市政府门户网站). None of it is the document, but the source line says where the page was published,
which places a document nothing else places.
"""

from __future__ import annotations

import re

from policykg.loaders.docnumber import is_doc_number_line

_CHROME = re.compile(r"当前位置|现在的位置|^首页|[>»＞]\s*(?:正文|详情)$|扫一扫|字体|字号|打印|关闭窗口|浏览次数|访问量|分享到|【切换】|^政务微[信博]$|^[×✕xX]$"
                     r"|^(?:来源|信息来源)\s*[:：]")


SITE_SOURCE = re.compile(r"(?:^|\s)(?:来源|来自|信息来源|发布单位)\s*[:：]\s*([\u4e00-\u9fff（）()]{3,30}?)(?=\s|$|时间|发布|浏览|作者)")


def is_site_chrome(text: str) -> bool:
    """A line of the website around a document, never part of it (the document starts after such lines).

    >>> is_site_chrome("您现在的位置:首页»省内政策"), is_site_chrome("政务微信"), is_site_chrome("宝府办〔2008〕18号")
    (True, True, False)
    """
    t = text.strip()
    return bool(t) and not is_doc_number_line(t) and bool(_CHROME.search(t)) and "。" not in t


# a breadcrumb or a share prompt a page glued before its title
TITLE_CHROME = re.compile(r"^(?:(?:[\u4e00-\u9fff\w]{1,12}\s*[>»＞]\s*){1,5}(?=\S{6,}$)|扫一扫在手机(?:上)?打开当前页\s*)")


# what a page prints around an issuer's name: bullets, a breadcrumb, a quoted column label, a metadata field after it
_ISSUER_NOISE = (re.compile(r"^(?:[\u4e00-\u9fff\w]{1,12}\s*[>»＞]\s*){1,5}"), re.compile(r"^[•·●\s]+"), re.compile(r"^[“\"][^”\"]{2,12}[”\"]\s*"),
                 re.compile(r"(?:公文时效|主题分类|发布日期|成文日期|文号|索引号)\s*[:：].*$"), re.compile(r"[（(](?:办公室|办公厅)[）)]$"))


def clean_issuer(name: str) -> str:
    """An issuer's name without what the page printed around it.

    >>> [clean_issuer(t) for t in ["乡村研究数据库>地方政策>西藏自治区人民政府", "•青岛市人民政府", "青海省人民政府办公厅公文时效:有效"]]
    ['西藏自治区人民政府', '青岛市人民政府', '青海省人民政府办公厅']
    >>> clean_issuer("泾县人民政府(办公室)"), clean_issuer("“党政混合信息公开”中共静安区委办公室")
    ('泾县人民政府', '中共静安区委办公室')
    """
    for pattern in _ISSUER_NOISE:
        name = pattern.sub("", name).strip()
    return name
