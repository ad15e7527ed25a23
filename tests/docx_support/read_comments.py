#!/usr/bin/env python3
"""Reads the comments of a .docx back with python-docx, a parser that shares
nothing with plan-lint's, for tests/docx_annotate.rs.

    read_comments.py FILE.docx

Prints a JSON array, one object per comment in comments.xml order:
{"id", "author", "initials", "text" (python-docx's text: paragraphs joined
by a line end), "anchored" (the document text between the comment's
commentRangeStart and commentRangeEnd, walked with lxml), "referenced"
(whether a commentReference names it)}.

Installs python-docx with pip when it is missing.
"""

import json
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
    from docx.oxml.ns import qn

    document = docx.Document(sys.argv[1])
    body = document.element.body
    start, end, ref = qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference")
    text_tags = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n"}
    deleted = {qn("w:del"), qn("w:moveFrom")}
    open_ranges, anchored, referenced = set(), {}, set()
    for element in body.iter():
        if element.tag == start:
            cid = element.get(qn("w:id"))
            open_ranges.add(cid)
            anchored.setdefault(cid, "")
        elif element.tag == end:
            open_ranges.discard(element.get(qn("w:id")))
        elif element.tag == ref:
            referenced.add(element.get(qn("w:id")))
        elif element.tag in text_tags:
            if any(a.tag in deleted for a in element.iterancestors()):
                continue
            piece = (element.text or "") if text_tags[element.tag] is None else text_tags[element.tag]
            for cid in open_ranges:
                anchored[cid] += piece
    out = []
    for comment in document.comments:
        cid = str(comment.comment_id)
        out.append({
            "id": cid,
            "author": comment.author,
            "initials": comment.initials,
            "text": comment.text,
            "anchored": anchored.get(cid),
            "referenced": cid in referenced,
        })
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
