#!/usr/bin/env bash
# Regenerates the rebuilt real cases (test-fixtures/realworld/rebuilt/NN.<ext>) from their hand transcriptions
# (rebuilt/src/NN.html) with LibreOffice, as the office cases were made: Writer's HTML import for .pdf/.docx/.doc,
# Calc's web-query import for .xlsx/.xls. The generated files are committed; the tests do not run this.
# Usage: packages/documents/scripts/build-rebuilt.sh [NN…]   (default: every case)
set -euo pipefail
dir="$(cd "$(dirname "$0")/../test-fixtures/realworld/rebuilt" && pwd)"

# case → format (each text case in one format; every format used at least 4 times)
declare -A FORMAT=(
  [01]=pdf [03]=pdf [11]=pdf [14]=pdf [17]=pdf
  [02]=docx [05]=docx [12]=docx [20]=docx [21]=docx
  [04]=doc [08]=doc [10]=doc [15]=doc
  [07]=xlsx [09]=xlsx [16]=xlsx [22]=xlsx
  [06]=xls [13]=xls [18]=xls [19]=xls
)
declare -A FILTER=(
  [pdf]='pdf:writer_pdf_Export' [docx]='docx:MS Word 2007 XML' [doc]='doc:MS Word 97'
  [xlsx]='xlsx:Calc MS Excel 2007 XML' [xls]='xls:MS Excel 97'
)

command -v soffice >/dev/null || { echo "需要 LibreOffice (soffice)" >&2; exit 2; }
profile="$(mktemp -d)"
out="$(mktemp -d)"
trap 'rm -rf "$profile" "$out"' EXIT

cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=($(printf '%s\n' "${!FORMAT[@]}" | sort))
for nn in "${cases[@]}"; do
  ext="${FORMAT[$nn]:?unknown case $nn}"
  case "$ext" in
    xlsx|xls) infilter='calc_HTML_WebQuery' ;;
    *) infilter='HTML (StarWriter)' ;;
  esac
  soffice -env:UserInstallation="file://$profile" --headless --infilter="$infilter" \
    --convert-to "${FILTER[$ext]}" --outdir "$out" "$dir/src/$nn.html" >/dev/null 2>&1
  rm -f "$dir/$nn".{pdf,docx,doc,xlsx,xls}
  mv "$out/$nn.$ext" "$dir/$nn.$ext"
  echo "$nn.$ext"
done
