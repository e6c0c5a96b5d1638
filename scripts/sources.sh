#!/usr/bin/env bash
# Prints the sources folder `./run` builds from, fetching it first when there is none:
#   GALEON_SOURCES if set; else ../shared/data beside the repository (GALEON_SHARED names another
#   place for it); else the user's data folder, filled by `galeon fetch` from the publishers
#   (GALEON_URL_GITHUB, GALEON_URL_NPM, GALEON_URL_IMF, GALEON_URL_WORLDBANK, GALEON_URL_COMTRADE,
#   GALEON_URL_DATAVERSE, GALEON_URL_GDELT, GALEON_URL_AIDDATA replace their addresses; GALEON_COMTRADE_KEY is UN Comtrade's optional key).
# Usage: scripts/sources.sh GALEON_BINARY   (progress on standard error, the folder on standard output)
set -euo pipefail
cd "$(dirname "$0")/.."
GALEON=$1
SHARED=${GALEON_SHARED:-../shared/data}
if [ -n "${GALEON_SOURCES:-}" ]; then
  echo "$GALEON_SOURCES"
elif [ -d "$SHARED" ]; then
  echo "$SHARED"
else
  SOURCES=${XDG_DATA_HOME:-$HOME/.local/share}/galeon/sources
  echo "== no $SHARED: galeon fetch --into $SOURCES (about 80 MB from the publishers; a few minutes)" >&2
  # Exit status 1: some files failed (listed), the others are in place; 2: nothing to build from.
  status=0
  "$GALEON" fetch --into "$SOURCES" >&2 || status=$?
  if [ "$status" -eq 1 ]; then
    echo "== some files could not be fetched (listed above); building from those that arrived" >&2
  elif [ "$status" -ne 0 ]; then
    exit "$status"
  fi
  echo "$SOURCES"
fi
