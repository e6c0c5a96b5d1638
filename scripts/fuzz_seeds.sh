#!/usr/bin/env bash
# Writes small fuzzing seeds for a reader, in the dataset's published layout: its files from the
# sources folder, each CSV cut to its header and first rows (gzipped CSVs too), each workbook's
# sheets to their first rows (with Python's openpyxl; as they are without it), other files up to
# 4 MiB as they are. Small seeds make each case fast, so a reader reaches a million cases in
# minutes rather than days (see docs/reliability.md). The seeds are publishers' files: keep them
# outside the repository.
# Usage: scripts/fuzz_seeds.sh DATASET OUT_DIR [LINES]   then: scripts/fuzz.sh DATASET SECONDS OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
id=$1 out=$2 lines=${3:-60}
sources=${GALEON_SOURCES:-../shared/data}
folder=$(grep -rh -A2 "id: \"$id\"" crates/sources/src/datasets/*.rs | sed -n 's/.*folder: "\(.*\)".*/\1/p' | head -1)
[ -n "$folder" ] || { echo "no dataset $id (galeon sources lists them)" >&2; exit 2; }
src=$sources/$folder
[ -d "$src" ] || { echo "$src: no such folder" >&2; exit 2; }
# CSVs of any size (they are cut); other files up to 4 MiB (find rounds -size up to whole units).
(cd "$src" && find . -type f ! -name '*.md' ! -name '*.pdf' \( -name '*.csv' -o -name '*.csv.gz' -o -size -4097k \)) | while read -r f; do
  mkdir -p "$out/$(dirname "$f")"
  case "$f" in
    *.csv) head -n "$lines" "$src/$f" > "$out/$f" ;;
    *.csv.gz) (zcat "$src/$f" | head -n "$lines" || true) | gzip > "$out/$f" ;;
    # Workbooks: every sheet cut to its first rows, where Python's openpyxl is installed.
    *.xlsx) python3 - "$src/$f" "$out/$f" "$lines" 2> /dev/null << 'PY' || cp "$src/$f" "$out/$f"
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
for sheet in book.worksheets:
    if sheet.max_row > int(sys.argv[3]):
        sheet.delete_rows(int(sys.argv[3]) + 1, sheet.max_row - int(sys.argv[3]))
book.save(sys.argv[2])
PY
      ;;
    *) cp "$src/$f" "$out/$f" ;;
  esac
done
echo "$out: $(find "$out" -type f | wc -l) seed files for $id"
