#!/bin/sh
# Regenerate data-samples/facets/ from the Facebook100 and SNAP ego-Facebook
# samples, then check every output with check_facets.py.
#
#   sh tools/convert/make_facets.sh           # (re)write data-samples/facets/*.csv
#   sh tools/convert/make_facets.sh --check   # exit 1 if the committed files are stale
#
# Deterministic: the same inputs give byte-identical outputs.
set -eu

REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO"
CONVERT=tools/convert
FB100=data-samples/facebook100
EGO=data-samples/snap-ego-facebook/ego-networks
FACETS=data-samples/facets

case "${1:-}" in
  "") OUT=$FACETS; mkdir -p "$OUT" ;;
  --check) OUT=$(mktemp -d); trap 'rm -rf "$OUT"' EXIT ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

for nodelist in "$FB100"/*.nodelist.tsv; do
  school=$(basename "$nodelist" .nodelist.tsv)
  lower=$(echo "$school" | tr 'A-Z' 'a-z')
  python3 "$CONVERT/facebook100_schools.py" "$nodelist" --out "$OUT/${lower}_schools.csv" --quiet
done
python3 "$CONVERT/ego_facebook_facets.py" "$EGO" \
  --schools-out "$OUT/ego_facebook_schools.csv" \
  --employers-out "$OUT/ego_facebook_employers.csv" --quiet

python3 "$CONVERT/check_facets.py" "$OUT"/*.csv

if [ "${1:-}" = "--check" ]; then
  stale=0
  for f in "$OUT"/*.csv; do
    name=$(basename "$f")
    if ! cmp -s "$f" "$FACETS/$name"; then
      echo "stale: $FACETS/$name" >&2
      stale=1
    fi
  done
  for f in "$FACETS"/*.csv; do
    [ -e "$OUT/$(basename "$f")" ] || { echo "not made by this script: $f" >&2; stale=1; }
  done
  [ "$stale" = 0 ] && echo "data-samples/facets is up to date"
  exit "$stale"
fi
