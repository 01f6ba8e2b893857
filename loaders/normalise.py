"""Normalisation for matching; the original text is always kept for display.

Full-width → half-width (NFKC), traditional → simplified (OpenCC), no spaces,
unified quotes and brackets.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]", "【": "[", "】": "]"})


@cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    """
    >>> normalise("全面推行“桩基先行”， 優化營商環境（２０２３年）")
    '全面推行"桩基先行",优化营商环境(2023年)'
    """
    text = unicodedata.normalize("NFKC", text)
    text = _converter().convert(text)
    text = text.translate(_QUOTES)
    return re.sub(r"\s+", "", text)


# Frequent characters that exist only in traditional script: a text using them is converted before parsing.
_TRADITIONAL = frozenset("們個這為會國發區辦關於與經實營環務業體機開過現進點標準應當總結優門問題實現項內")
_PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（]\s*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ][a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]*\s*[)）]")


def is_traditional(text: str) -> bool:
    """Whether a text is written in traditional script (enough traditional-only characters).

    >>> is_traditional("關於印發《優化營商環境行動方案》的通知"), is_traditional("关于印发《优化营商环境行动方案》的通知")
    (True, False)
    """
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    marks = sum(1 for c in text if c in _TRADITIONAL)
    return marks >= 3 and marks >= 0.01 * cjk


def strip_pinyin(text: str) -> str:
    """Pinyin glosses that some sites print after characters: 經(jīng)濟 → 經濟.

    >>> strip_pinyin("優化營商(shāng)環境 (PPP) 2023(年)")
    '優化營商環境 (PPP) 2023(年)'
    """
    return _PINYIN_GLOSS.sub("", text)


# bopomofo, box drawing, Greek and Cyrillic: characters Chinese prose almost never uses, but GBK read one byte off is full of
_RARE = re.compile(r"[\u3100-\u312f\u2500-\u257f\u0391-\u03c9\u0401-\u0451]")


def unshift_gbk(line: str) -> str:
    """A line whose GBK bytes were decoded one byte off (a web page that lost a lead byte) read back in step.

    The decoder falls back in step at the first pair that is no character (shown �; the character there is lost),
    so only the run before it is re-read. Only a line with at least two of those rare characters whose in-step
    reading decodes cleanly, has none of them, and is mostly common characters.

    >>> unshift_gbk(" ?。ㄒ唬┩苿诱辗罩腔酆棉k")
    ' （一）推動照氛智慧好辦'
    >>> unshift_gbk("（一）推动政务服务智慧好办"), unshift_gbk("α粒子与β射线")
    ('（一）推动政务服务智慧好办', 'α粒子与β射线')
    """
    if len(_RARE.findall(line)) < 2:
        return line
    indent = line[: len(line) - len(line.lstrip())]
    body = line.strip().lstrip("?\ufffd")  # the byte whose partner was lost shows as ? or �
    head, lost, rest = body.partition("\ufffd")
    try:
        raw = head.encode("gbk")[1:]
    except UnicodeEncodeError:
        return line
    for end in (len(raw), len(raw) - 1):  # a character cut at the end leaves its first byte
        try:
            fixed = raw[:end].decode("gbk") + lost + rest
        except UnicodeDecodeError:
            continue
        plausible = not _RARE.search(fixed) and _common_share(fixed) >= 0.6 and _common_share(fixed) > _common_share(body)
        return indent + fixed if plausible else line
    return line


def _common_share(text: str) -> float:
    """Share of the 3,755 most common characters (GB2312 level 1, after t2s) among the non-ASCII letters and symbols of a text."""
    chars = [c for c in to_simplified(text) if ord(c) > 127 and c != "\ufffd" and unicodedata.category(c)[0] not in "PZC"]
    common = 0
    for c in chars:
        try:
            common += 0xB0 <= c.encode("gb2312")[0] <= 0xD7
        except UnicodeEncodeError:
            pass
    return common / len(chars) if chars else 0.0


def to_simplified(text: str) -> str:
    """Traditional → simplified script (OpenCC t2s), characters only: punctuation and spacing are kept.

    >>> to_simplified("閔行區加快打造國際一流營商環境")
    '闵行区加快打造国际一流营商环境'
    """
    converted: str = _converter().convert(text)
    return converted


def char_ngrams(text: str, n: int) -> set[str]:
    """The character n-grams of a text (for reuse shares: how much wording two texts have in common).

    >>> sorted(char_ngrams("一网通办", 3))
    ['一网通', '网通办']
    """
    return {text[i : i + n] for i in range(len(text) - n + 1)}


# Radical code points that PDF writers (Chromium, some Word/WPS exports) put in the text layer in place of the
# ordinary character with the same glyph: 金 comes out as ⾦ (KANGXI RADICAL GOLD), 民 as ⺠. Kangxi radicals
# decompose under NFKC; the supplement's standalone forms are listed here (Unicode names, e.g. "C-SIMPLIFIED GATE").
_SUPPLEMENT = str.maketrans({
    "⺁": "厂", "⺟": "母", "⺠": "民", "⻄": "西", "⻅": "见", "⻆": "角", "⻉": "贝", "⻋": "车", "⻓": "长",
    "⻔": "门", "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻢": "马",
    "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻬": "齐",
    "⻮": "齿", "⻰": "龙", "⻳": "龟",
})
_RADICAL = re.compile(r"[\u2e80-\u2eff\u2f00-\u2fdf]")


def unify_radicals(text: str) -> str:
    """Radical code points → the characters they stand for (text extracted from PDFs).

    >>> unify_radicals("上海市⾦⼭区⼈⺠政府")
    '上海市金山区人民政府'
    """
    if not _RADICAL.search(text):
        return text
    text = text.translate(_SUPPLEMENT)
    return _RADICAL.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
