#!/usr/bin/env bash
# Installs what the Word-document tests (tests/docx_*.rs) need, from
# Debian's packages, when it is missing:
#
#   - LibreOffice Calc (package libreoffice-calc): converts the workbook
#     `plan-lint tasks --format xlsx` writes to CSV (tests/tasks_xlsx.rs);
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
# Calc is a module of the same program: its library beside soffice.
office_dir="$(dirname "$(readlink -f "$(command -v soffice 2>/dev/null || echo /usr/lib/libreoffice/program/soffice)")")"
[ -e "$office_dir/libsclo.so" ] || missing+=(libreoffice-calc)
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
    missing+=(poppler-utils)
fi
# A font with Chinese glyphs, so that printed pages show (and pdftotext
# reads) the text and the comments.
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
    missing+=(fonts-wqy-zenhei)
fi

if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-libreoffice: soffice (Writer and Calc), pdftotext, pdftoppm and a Chinese font already installed"
else
    "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" install-libreoffice "${missing[@]}"
    echo "install-libreoffice: installed ${missing[*]}"
fi

sudo=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
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
# 1.2 is the first python-docx that reads comments (Debian 12 has 0.8).
has_docx() { "$python" -c 'import docx.document as d; assert hasattr(d.Document, "comments")' >/dev/null 2>&1; }
if has_docx; then
    echo "install-libreoffice: python-docx already installed"
    exit 0
fi
# Debian's python3 comes without pip.
if ! "$python" -m pip --version >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ] && [ -z "$sudo" ]; then
        echo "install-libreoffice: $python has no pip, and not root and no sudo: install python3-pip by hand" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y --no-install-recommends python3-pip </dev/null \
        || { $sudo apt-get update && $sudo apt-get install -y --no-install-recommends python3-pip </dev/null; }
fi
pip_install() {
    "$python" -m pip install --quiet --disable-pip-version-check --upgrade "$@" 'python-docx>=1.2,<2' </dev/null
}
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if pip_install 2>"$log"; then
    echo "install-libreoffice: python-docx installed"
elif grep -q externally-managed-environment "$log"; then
    # Debian 12's own python3 is "externally managed" (PEP 668): pip may
    # not install into it. Install for this user only (~/.local, which that
    # python reads), never into the system's packages.
    pip_install --user --break-system-packages
    echo "install-libreoffice: python-docx installed for $(id -un) (~/.local; $python is externally managed)"
else
    cat "$log" >&2
    exit 1
fi
has_docx || { echo "install-libreoffice: python-docx installed but $python cannot import it" >&2; exit 1; }
