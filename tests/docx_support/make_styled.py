#!/usr/bin/env python3
"""Writes a .docx with python-docx, whose default template was made by Word:
numbering that comes from Word's own list styles (List Number, List
Number 2, List Bullet) rather than from LibreOffice, and a table.

    make_styled.py OUT.docx

Used by tests/docx_extract.rs. Installs python-docx with pip when missing.
"""

import subprocess
import sys


def import_docx():
    try:
        import docx.document
        if not hasattr(docx.document.Document, "comments"):
            raise ImportError("python-docx older than 1.2 (no comments)")
    except ImportError:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--upgrade",
             "--disable-pip-version-check", "python-docx>=1.2,<2"],
            check=True, stdin=subprocess.DEVNULL, stdout=sys.stderr)
    import docx
    return docx


def main():
    docx = import_docx()
    document = docx.Document()
    document.add_paragraph("某县推进农村公路提质改造工作方案")
    document.add_paragraph("总体要求", style="List Number")
    document.add_paragraph("主要任务", style="List Number")
    document.add_paragraph("完成县道改造40公里。", style="List Number 2")
    document.add_paragraph("完成乡道改造60公里。", style="List Number 2")
    document.add_paragraph("保障措施", style="List Number")
    document.add_paragraph("资金由县财政统筹。", style="List Bullet")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["工作任务", "牵头单位", "责任单位"]):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["(1)改造县道。", "县交通运输局", "各乡镇"]):
        cell.text = text
    document.save(sys.argv[1])


if __name__ == "__main__":
    main()
