#!/usr/bin/env bash
# Installs what the Word-document tests (tests/docx_*.rs) need, from
# Debian's packages, when it is missing:
#
#   - `soffice` (package libreoffice-writer): makes .docx fixtures from the
#     text the tests write, and opens annotated output to convert it to PDF;
#   - `pdftotext` and `pdftoppm` (package poppler-utils): read that PDF back
#     and render a page to PNG;
#   - a Chinese font (package fonts-wqy-zenhei) for those pages;
#   - python-docx (PyPI, with pip): the second, independent parser that reads
#     the comments of an annotated document back (tests/docx_support/read_comments.py).
#
#   scripts/install-libreoffice.sh
#
# Needs no terminal and no stdin. Does nothing for what is already there.
set -euo pipefail

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer)
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
    missing+=(poppler-utils)
fi
# A font with Chinese glyphs, so that printed pages show (and pdftotext
# reads) the text and the comments.
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
    missing+=(fonts-wqy-zenhei)
fi

if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-libreoffice: soffice, pdftotext, pdftoppm and a Chinese font already installed"
else
    "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" install-libreoffice "${missing[@]}"
    echo "install-libreoffice: installed ${missing[*]}"
fi

python=""
for candidate in python3 python; do
    if command -v "$candidate" >/dev/null 2>&1; then
        python="$candidate"
        break
    fi
done
if [ -z "$python" ]; then
    echo "install-libreoffice: no python3: the comment read-back test needs it" >&2
    exit 1
fi
# 1.2 is the first python-docx that reads comments.
if "$python" -c 'import docx.document as d; assert hasattr(d.Document, "comments")' >/dev/null 2>&1; then
    echo "install-libreoffice: python-docx already installed"
else
    "$python" -m pip install --quiet --disable-pip-version-check --upgrade 'python-docx>=1.2,<2' </dev/null
    echo "install-libreoffice: python-docx installed"
fi
