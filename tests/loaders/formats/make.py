"""Make HTML pages, Word files and PDFs from real corpus text, at test time, in the shapes analysts get them.

Each maker takes the lines of a text file: a markdown table row becomes a table row, a ``**bold**``
run a bold run, every other line a paragraph (the extraction's broken lines stay broken, as they
are in many real files).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
BOLD = re.compile(r"\*\*(.+?)\*\*")
NO_LINE_START = set("，。、；：！？:;,.!?)）」』》”’〕】")


def blocks(text: str) -> list[tuple[str, object]]:
    """("p", line) and ("table", rows) blocks of a corpus text; page markers and rules dropped."""
    out: list[tuple[str, object]] = []
    for raw in text.splitlines():
        line = re.sub(r"</?b>", "**", raw.strip())
        if not line or re.match(r"^#\s*Page\s+\d+", line) or re.fullmatch(r"[-|:\s]+", line):
            continue
        tabbed = raw.count("\t") >= 2
        if (line.startswith("|") and line.count("|") >= 3) or tabbed:
            cells = [re.sub(r"<[^>]+>|\*\*", "", re.sub(r"<br\s*/?>", "\n", c)).strip() for c in (raw.split("\t") if tabbed else line.strip("|").split("|"))]
            if out and out[-1][0] == "table":
                out[-1][1].append(cells)  # type: ignore[union-attr]
            else:
                out.append(("table", [cells]))
        else:
            out.append(("p", re.sub(r"^#{1,6}\s+", "", line)))
    return out


def html_page(text: str, fields: dict[str, str], title: str, attachment: str = "") -> str:
    """A page in the shape of a district government site: nav, breadcrumb, metadata table, article, share bar, footer."""
    body = []
    for kind, value in blocks(text):
        if kind == "p":
            para = BOLD.sub(r"<strong>\1</strong>", html.escape(str(value)))
            body.append(f'<p style="text-indent:2em">{para}</p>')
        else:
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c).replace(chr(10), '<br>')}</td>" for c in r) + "</tr>" for r in value)  # type: ignore[union-attr]
            body.append(f"<table border=\"1\" class=\"MsoTableGrid\">{rows}</table>")
    labels = list(fields.items())
    meta_rows = "".join(
        "<tr>" + "".join(f"<td class=\"t\">{k}：</td><td>{html.escape(v)}</td>" for k, v in labels[i : i + 2]) + "</tr>"
        for i in range(0, len(labels), 2)
    )
    name = html.escape(attachment)
    attach = f'<div class="fujian"><a href="/cmsres/2023/{name}">附件：{name}</a></div>' if attachment else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{html.escape(title)}_上海市金山区人民政府</title>
<script>var siteName = "上海市金山区人民政府"; document.write("<div>欢迎访问</div>");</script>
<style>.nav li {{ float: left; }}</style></head>
<body>
<div class="top-bar"><a href="/">无障碍浏览</a> <a href="/en">English</a> <a href="/m">移动版</a></div>
<div class="header"><img src="/logo.png" alt="上海市金山区人民政府"></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zwfw">政务服务</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/zjjs">走进金山</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/zcwj">政策文件</a></div>
<div class="main"><table class="xxgk-table" width="100%">{meta_rows}</table>
<div class="article-title"><h1>{html.escape(title)}</h1></div>
<div class="article-info">发布时间：{html.escape(fields.get("发布日期", ""))} 来源：区政府办公室 【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div id="zoom" class="TRS_Editor">
{chr(10).join(body)}
</div>
{attach}
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a> <a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/a1">金山区召开优化营商环境工作推进会</a></li>
<li><a href="/a2">关于开展企业服务专员工作的通知</a></li></ul></div>
</div>
<div class="footer"><p>主办：上海市金山区人民政府办公室 版权所有</p><p>沪ICP备05007164号 网站标识码：3101160001</p>
<p>联系电话：021-57921234 地址：上海市金山区金山大道2000号</p></div>
<script src="/js/stat.js"></script>
</body></html>
"""


def docx_file(text: str, path: Path, header: str = "", footer: str = "") -> Path:
    """A Word file: paragraphs, bold runs, tables, and a running header and footer."""
    import docx

    doc = docx.Document()
    section = doc.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    for kind, value in blocks(text):
        if kind == "p":
            para = doc.add_paragraph()
            pos = 0
            for m in BOLD.finditer(str(value)):
                if m.start() > pos:
                    para.add_run(str(value)[pos : m.start()])
                para.add_run(m.group(1)).bold = True
                pos = m.end()
            if pos < len(str(value)):
                para.add_run(str(value)[pos:])
        else:
            rows: list[list[str]] = value  # type: ignore[assignment]
            width = max(len(r) for r in rows)
            table = doc.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for i, r in enumerate(rows):
                for j, c in enumerate(r):
                    table.cell(i, j).text = c
    doc.save(str(path))
    return path


def font_available() -> bool:
    return (FONT_DIR / "NotoSerifCJK-Regular.ttc").exists() and (FONT_DIR / "NotoSerifCJK-Bold.ttc").exists()


def pdf_file(text: str, path: Path, running_header: str = "", page_numbers: bool = True) -> Path:
    """A born-digital PDF as offices print them: wrapped lines, tables with ruled cells, a running header, 第 N 页."""
    from fpdf import FPDF

    class Doc(FPDF):  # type: ignore[misc]
        def header(self) -> None:
            if running_header:
                self.set_font("serif", size=9)
                self.cell(0, 6, running_header, align="C")
                self.ln(10)

        def footer(self) -> None:
            if page_numbers:
                self.set_y(-15)
                self.set_font("serif", size=9)
                self.cell(0, 8, f"— {self.page_no()} —", align="C")

    pdf = Doc(format="A4")
    pdf.add_font("serif", fname=str(FONT_DIR / "NotoSerifCJK-Regular.ttc"), collection_font_number=2)
    pdf.add_font("serif", style="B", fname=str(FONT_DIR / "NotoSerifCJK-Bold.ttc"), collection_font_number=2)
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    pdf.set_font("serif", size=12)
    for kind, value in blocks(text):
        if kind == "p":
            _paragraph(pdf, str(value))
        else:
            rows: list[list[str]] = value  # type: ignore[assignment]
            width = max(len(r) for r in rows)
            pdf.set_font("serif", size=7)
            with pdf.table(first_row_as_headings=False, line_height=3.5) as table:
                for r in rows:
                    row = table.row()
                    for c in r + [""] * (width - len(r)):
                        row.cell(c)
            pdf.set_font("serif", size=12)
    pdf.output(str(path))
    return path


def _paragraph(pdf: Any, line: str) -> None:
    """One paragraph hard-wrapped at the right margin, character by character as Word wraps Chinese; bold runs bold."""
    chars: list[tuple[str, bool]] = []
    pos = 0
    for m in BOLD.finditer(line):
        chars += [(c, False) for c in line[pos : m.start()]] + [(c, True) for c in m.group(1)]
        pos = m.end()
    chars += [(c, False) for c in line[pos:]]
    room = pdf.w - pdf.l_margin - pdf.r_margin
    while chars:
        width, k = 0.0, 0
        while k < len(chars):
            pdf.set_font("serif", style="B" if chars[k][1] else "", size=12)
            w = pdf.get_string_width(chars[k][0])
            if width + w > room:
                break
            width, k = width + w, k + 1
        k = max(k, 1)
        while k < len(chars) and chars[k][0] in NO_LINE_START:  # as Word does: punctuation never starts a line
            k += 1
        run: list[tuple[str, bool]] = chars[:k]
        chars = chars[k:]
        while run:
            bold = run[0][1]
            n = next((i for i, (_, b) in enumerate(run) if b != bold), len(run))
            pdf.set_font("serif", style="B" if bold else "", size=12)
            text = "".join(c for c, _ in run[:n])
            pdf.cell(pdf.get_string_width(text), 7, text, new_x="RIGHT", new_y="TOP")
            run = run[n:]
        pdf.ln(7)
    pdf.set_font("serif", size=12)
