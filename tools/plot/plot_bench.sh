#!/usr/bin/env bash
# plot_bench.sh: SVG charts from `mutuals bench --json` and `mutuals info --json`
# outputs (DESIGN §5), with jq and gnuplot (Debian: jq, gnuplot-nox).
#
#   tools/plot/plot_bench.sh [-o OUTDIR] FILE.json...
#
# Each FILE holds one JSON object: a bench report ("workload" key) or a
# store's info ("adjacency_bytes" key). Writes into OUTDIR (default: plots):
#   throughput_<workload>.svg   items/s per method, one bar per thread count
#                               (all bench files of that workload together)
#   latency_<file>.svg          p50 and p99 per degree bucket, per method
#                               (bench files with "buckets": --workload latency)
#   bytes_per_entry.svg         adjacency bytes per entry, one bar per info
#                               file, labelled by its vertex order and store
set -euo pipefail

out=plots
if [[ ${1:-} == -o ]]; then
  out=$2
  shift 2
fi
if [[ $# -eq 0 ]]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
fi
for tool in jq gnuplot; do
  command -v "$tool" >/dev/null || { echo "plot_bench.sh: $tool is not installed" >&2; exit 1; }
done
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bench=() info=()
kind_of() {
  jq -r 'if type != "object" then "other" elif has("workload") then "bench"
         elif has("adjacency_bytes") then "info" else "other" end' "$1" 2>/dev/null | head -1
}
for f in "$@"; do
  case $(kind_of "$f") in
    bench) bench+=("$f") ;;
    info) info+=("$f") ;;
    *)
      echo "plot_bench.sh: $f: neither a bench report nor a store info (one JSON object expected)" >&2
      exit 2
      ;;
  esac
done

# Clustered bars: $1 data file (header row: label, series...), $2 output,
# $3 title, $4 y label, $5 "log" for a log y axis.
bars() {
  local data=$1 svg=$2 title=$3 ylabel=$4 scale=${5:-}
  local cols ymin=0
  cols=$(head -1 "$data" | awk -F'\t' '{print NF}')
  [[ $scale == log ]] && ymin='*'

  gnuplot <<GP
set terminal svg size 1000,500 dynamic enhanced font "sans,11" background rgb "white"
set output "$svg"
set title "$title" noenhanced
set ylabel "$ylabel"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set key outside right top noenhanced
set format y "%g"
$( [[ $scale == log ]] || echo 'set format y "%.1s%c"' )
set grid ytics
set datafile separator "\t"
set datafile missing "?"
set xtics noenhanced norotate nomirror
set yrange [$ymin:*]
$( [[ $scale == log ]] && echo "set logscale y" )
plot for [c=2:$cols] "$data" using c:xtic(1) title columnheader(c)
GP
}

# Throughput per method and thread count, one chart per workload.
if [[ ${#bench[@]} -gt 0 ]]; then
  jq -r '[.workload, (.threads|tostring), (.methods[] | [.name, (.items_per_s|tostring)] | join(" "))] | @tsv' \
    "${bench[@]}" >"$tmp/runs.tsv"
  for w in $(cut -f1 "$tmp/runs.tsv" | sort -u); do
    awk -F'\t' -v w="$w" '
      $1 == w {
        t = $2
        if (!(t in seen)) { seen[t] = 1; threads[++nt] = t }
        for (i = 3; i <= NF; i++) {
          split($i, kv, " ")
          if (!(kv[1] in known)) { known[kv[1]] = 1; methods[++nm] = kv[1] }
          v[kv[1], t] = kv[2]
        }
      }
      END {
        # thread counts ascending
        for (i = 1; i <= nt; i++) for (j = i + 1; j <= nt; j++) if (threads[j] + 0 < threads[i] + 0) { x = threads[i]; threads[i] = threads[j]; threads[j] = x }
        printf "method"
        for (i = 1; i <= nt; i++) printf "\t%s thread%s", threads[i], (threads[i] == 1 ? "" : "s")
        printf "\n"
        for (m = 1; m <= nm; m++) {
          printf "%s", methods[m]
          for (i = 1; i <= nt; i++) printf "\t%s", ((methods[m], threads[i]) in v ? v[methods[m], threads[i]] : "?")
          printf "\n"
        }
      }' "$tmp/runs.tsv" >"$tmp/throughput_$w.tsv"
    bars "$tmp/throughput_$w.tsv" "$out/throughput_$w.svg" "$w: items per second" "items/s"
    echo "$out/throughput_$w.svg"
  done
fi

# Latency per degree bucket, one chart per latency report.
for f in "${bench[@]}"; do
  [[ $(jq -r 'has("buckets")' "$f") == true ]] || continue
  name=$(basename "$f" .json)
  jq -r '(["bucket"] + [.buckets[0].methods[] | (.name + " p50"), (.name + " p99")]) | @tsv' "$f" >"$tmp/lat.tsv"
  jq -r '.buckets[] | [.name] + [.methods[] | (.p50_ns|tostring), (.p99_ns|tostring)] | @tsv' "$f" >>"$tmp/lat.tsv"
  threads=$(jq -r .threads "$f")
  bars "$tmp/lat.tsv" "$out/latency_$name.svg" "latency by degree bucket ($name, $threads thread(s))" "ns per query" log
  echo "$out/latency_$name.svg"
done

# Bytes per adjacency entry, per store (its vertex order).
if [[ ${#info[@]} -gt 0 ]]; then
  printf 'store\tbytes per entry\n' >"$tmp/bytes.tsv"
  for f in "${info[@]}"; do
    jq -r '[(.order + " (" + ((.store // "?") | split("/") | last) + ")"),
            ((if .entries > 0 then .adjacency_bytes / .entries else 0 end) | tostring)] | @tsv' "$f" >>"$tmp/bytes.tsv"
  done
  bars "$tmp/bytes.tsv" "$out/bytes_per_entry.svg" "adjacency bytes per entry, by vertex order" "bytes/entry"
  echo "$out/bytes_per_entry.svg"
fi
