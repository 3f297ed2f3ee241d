#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz/ in build/fuzz (clang,
# -fsanitize=fuzzer-no-link,address,undefined for everything, -fsanitize=fuzzer
# at the targets' link) and runs each for a while, starting from a scratch
# copy of its seed corpus. Fails if any target crashes, leaks, times out or
# breaks one of its own invariants; prints executions per target.
#
#   tools/fuzz/run_fuzzers.sh                  # 20 s per target, every target
#   tools/fuzz/run_fuzzers.sh -t 5 fuzz_journal fuzz_store_open
#   tools/fuzz/run_fuzzers.sh -n 10000000 -t 7200   # a long run: 10 M executions a target, at most 2 h each
#   tools/fuzz/run_fuzzers.sh --refresh-seeds  # rewrite the binary seeds for the current store format
#
# A crashing input is left in the scratch directory (its path is printed);
# keep it as tests/fuzz/regressions/<target>/<name> so that
# `ctest --test-dir build/fuzz -R fuzz_` replays it.
# Needs Debian 12's clang (14) and libclang-rt-14-dev (libFuzzer).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

SECONDS_PER_TARGET=20
RUNS=-1
REFRESH_SEEDS=0
TARGETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    -t|--seconds) SECONDS_PER_TARGET=$2; shift 2 ;;
    -n|--runs) RUNS=$2; shift 2 ;;
    --refresh-seeds) REFRESH_SEEDS=1; shift ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run_fuzzers: unknown option $1" >&2; exit 2 ;;
    *) TARGETS+=("$1"); shift ;;
  esac
done
ALL_TARGETS=(fuzz_edges fuzz_consent fuzz_events fuzz_pairs fuzz_journal fuzz_store_open)
if [ ${#TARGETS[@]} -eq 0 ]; then TARGETS=("${ALL_TARGETS[@]}"); fi

command -v clang++ >/dev/null || { echo "run_fuzzers: clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }

BUILD=build/fuzz
SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$BUILD" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMUTUALS_FUZZ=ON -DMUTUALS_BUILD_BENCH=OFF \
    -DCMAKE_C_FLAGS="$SAN" -DCMAKE_CXX_FLAGS="$SAN"
fi
cmake --build "$BUILD" --target "${TARGETS[@]}"

if [ "$REFRESH_SEEDS" -eq 1 ]; then
  cmake --build "$BUILD" --target fuzz_store_open
  MUTUALS_FUZZ_WRITE_SEEDS="$PWD/tests/fuzz/corpus" "$BUILD/tests/fuzz/fuzz_store_open"
  echo "run_fuzzers: wrote tests/fuzz/corpus/fuzz_store_open and tests/fuzz/corpus/fuzz_journal seeds"
  exit 0
fi

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/mutuals-fuzz-run.XXXXXX")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
printf '%-18s %12s %10s %8s  %s\n' target executions exec/s seconds result
for target in "${TARGETS[@]}"; do
  corpus="$SCRATCH/$target/corpus"
  mkdir -p "$corpus" "$SCRATCH/$target/artifacts"
  if [ -d "tests/fuzz/corpus/$target" ]; then cp -r "tests/fuzz/corpus/$target/." "$corpus/"; fi
  if [ -d "tests/fuzz/regressions/$target" ]; then cp -r "tests/fuzz/regressions/$target/." "$corpus/"; fi
  log="$SCRATCH/$target/log"
  start=$(date +%s.%N)
  rc=0
  "$BUILD/tests/fuzz/$target" -max_total_time="$SECONDS_PER_TARGET" -runs="$RUNS" -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$SCRATCH/$target/artifacts/" "$corpus" >"$log" 2>&1 || rc=$?
  end=$(date +%s.%N)
  execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
  execs=${execs:-0}
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  rate=$(awk -v n="$execs" -v s="$seconds" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
  if [ "$rc" -eq 0 ]; then
    result=ok
  else
    result="FAILED (exit $rc): $(ls "$SCRATCH/$target/artifacts" 2>/dev/null | head -n 1)"
    failed+=("$target")
  fi
  printf '%-18s %12s %10s %8s  %s\n' "$target" "$execs" "$rate" "$seconds" "$result"
done

if [ ${#failed[@]} -gt 0 ]; then
  for target in "${failed[@]}"; do
    echo
    echo "==== $target: last lines of $SCRATCH/$target/log"
    tail -n 40 "$SCRATCH/$target/log"
    echo "crashing inputs: $SCRATCH/$target/artifacts/ (keep them under tests/fuzz/regressions/$target/)"
  done
  exit 1
fi
rm -rf "$SCRATCH"
