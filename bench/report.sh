#!/usr/bin/env bash
# report.sh: the README's performance tables in one run — for each store,
# `mutuals info --json` and `mutuals bench --json` for W1 pairs (1 and 2
# threads), W1b viewer-batch, W2 latency and W3 all-edges, then the SVG
# charts (tools/plot/plot_bench.sh) and a Markdown summary.
#
#   bench/report.sh [-o OUTDIR] [--small-baselines] STORE...
#
# Stores must be ones where every member consents (`mutuals gen` output, or
# a real graph built with an all-consenting --consent file). With
# --small-baselines only csr-merge runs beside mutuals and all-edges is
# skipped (for networks of ten million members, where the heap-form
# baselines do not fit in memory). Run on a quiet machine: the ratios are
# only as good as the machine is idle.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=out/bench
small=0
stores=()
while [ $# -gt 0 ]; do
  case "$1" in
    -o) out=$2; shift 2 ;;
    --small-baselines) small=1; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) stores+=("$1"); shift ;;
  esac
done
[ ${#stores[@]} -gt 0 ] || { echo "report.sh: give at least one store" >&2; exit 2; }
M=build/release/tools/mutuals
[ -x "$M" ] || { echo "report.sh: build first (make build)" >&2; exit 1; }
mkdir -p "$out"

extra=()
[ "$small" -eq 1 ] && extra=(--baselines csr-merge)
summary="$out/summary.md"
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1 /proc/loadavg) at start"
  echo
} >"$summary"
for store in "${stores[@]}"; do
  name=$(basename "$store" .store)
  "$M" info "$store" --json >"$out/info_$name.json"
  runs=("pairs 1" "pairs 2" "viewer-batch 2" "latency 1")
  [ "$small" -eq 0 ] && runs+=("all-edges 2")
  for run in "${runs[@]}"; do
    set -- $run
    file="$out/${2}t_${1}_$name.json"
    echo "report.sh: $name $1, $2 thread(s)" >&2
    "$M" bench "$store" --workload "$1" --threads "$2" --json "${extra[@]}" >"$file"
    jq -r --arg n "$name" '"| \($n) | \(.workload) | \(.threads) | " +
        ([.methods[] | "\(.name) \((.items_per_s / 1000 | floor)) k/s" +
          (if .p50_ns then ", p50 \(.p50_ns | floor) ns" else "" end)] | join(" · ")) +
        " | " + ((.methods[0].items_per_s / .methods[1].items_per_s * 100 | floor) / 100 | tostring) + "x |"' \
      "$file" >>"$summary"
  done
done
tools/plot/plot_bench.sh -o "$out/plots" "$out"/*.json >/dev/null
echo "report.sh: wrote $summary and $out/plots/" >&2
