#!/usr/bin/env bash
# Rebuilds test/cli/fixtures/writers/: enrollment workbooks as real spreadsheet programs write
# them (see scripts/writer-fixtures.py and test/cli/writers.test.ts). CI uses the committed files;
# rebuilding needs: apt-get install -y python3-openpyxl python3-xlsxwriter gnumeric libreoffice-calc-nogui
set -euo pipefail
cd "$(dirname "$0")/.."
out=test/cli/fixtures/writers
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

# The valid enrollment of the core's tests, as JSON for the Python script (one source of it).
npx tsc --outDir "$tmp/ts" --module commonjs --target es2022 --skipLibCheck test/core/fixtures/workbooks.ts
node -e 'console.log(JSON.stringify(require(process.argv[1]).validSheets()))' "$tmp/ts/test/core/fixtures/workbooks.js" > "$tmp/valid.json"

# openpyxl and XlsxWriter (Debian's packages, so /usr/bin/python3).
/usr/bin/python3 scripts/writer-fixtures.py "$out" "$tmp"

# Gnumeric opens openpyxl's workbooks, computes the formulas and saves them its way: a formula's
# text result as an index into the shared strings (t="s").
for name in formulas-no-results comments merged; do
  src="$out/openpyxl-$name.xlsx"
  dst="$out/gnumeric-${name/-no-results/}.xlsx"
  ssconvert --recalc -T Gnumeric_Excel:xlsx2 "$src" "$dst" 2>/dev/null
done

# LibreOffice Calc does the same its way (formula results as t="str", comments as VML and notes).
# (LibreOffice 7.4 refuses the hand-added pivot table of openpyxl-comments.xlsx: it gets the
# workbook as openpyxl wrote it.)
cp "$tmp/comments-plain.xlsx" "$tmp/openpyxl-comments-plain.xlsx"
for name in formulas-no-results comments merged; do
  mkdir -p "$tmp/lo-$name"
  src="$out/openpyxl-$name.xlsx"
  [ "$name" = comments ] && src="$tmp/openpyxl-comments-plain.xlsx"
  cp "$src" "$tmp/lo-$name/in.xlsx"
  soffice --headless --norestore --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$tmp/lo-$name/out" "$tmp/lo-$name/in.xlsx" >/dev/null
  cp "$tmp/lo-$name/out/in.xlsx" "$out/libreoffice-${name/-no-results/}.xlsx"
done
mkdir -p "$tmp/lo-table"
cp "$out/xlsxwriter-table-totals.xlsx" "$tmp/lo-table/in.xlsx"
soffice --headless --norestore --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$tmp/lo-table/out" "$tmp/lo-table/in.xlsx" >/dev/null
cp "$tmp/lo-table/out/in.xlsx" "$out/libreoffice-table-totals.xlsx"

ls -l "$out"
