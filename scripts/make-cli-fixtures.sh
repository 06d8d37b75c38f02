#!/usr/bin/env bash
# Regenerates the LibreOffice-made fixtures of test/cli/fixtures/ from examples/enrollment.xlsx.
# Needs LibreOffice: apt-get install -y libreoffice-calc-nogui (python3-uno comes with it).
set -euo pipefail
cd "$(dirname "$0")/.."
out=test/cli/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The example as LibreOffice saves it (its own part order, styles, validations).
soffice --headless --norestore --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$tmp" examples/enrollment.xlsx
cp "$tmp/enrollment.xlsx" "$out/example-libreoffice.xlsx"

# An old-format Excel 97-2003 workbook (an OLE compound file with a Workbook stream).
soffice --headless --norestore --convert-to 'xls:MS Excel 97' --outdir "$tmp" examples/enrollment.xlsx
cp "$tmp/enrollment.xls" "$out/excel-97.xls"

# The example saved with a password: an OLE compound file holding EncryptedPackage.
/usr/bin/python3 scripts/lo-save-encrypted.py examples/enrollment.xlsx "$out/encrypted.xlsx" secret

ls -l "$out"
