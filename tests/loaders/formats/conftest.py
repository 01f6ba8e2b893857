from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.loaders.formats.make import font_available

JINSHAN_2023 = "002_43b4e023053e2c94.txt"  # 金发改规〔2023〕2号, no tables
JINSHAN_2021 = "004_b286ac5cd58d9254.txt"  # 金委办〔2021〕34号, an annex task table
SITE_FIELDS = {
    "索引号": "SY0000000000000000-2023-00021",
    "主题分类": "综合政务\\其他",
    "发文机关": "上海市金山区发展和改革委员会",
    "发文字号": "金发改规〔2023〕2号",
    "成文日期": "2023-02-15",
    "发布日期": "2023-02-21",
}
NOTICE_TITLE = "金山区发改委关于印发《金山区加强集成创新持续优化营商环境行动方案》的通知"


def corpus_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


@pytest.fixture()
def needs_cjk_font() -> None:
    if not font_available():
        pytest.skip("PDF fixtures need Debian's fonts-noto-cjk (/usr/share/fonts/opentype/noto), installed by .ci/run")


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path
