# mutuals: a thin wrapper over CMake presets, ctest and the sample job.
# GNU make. Every build directory is configured with Ninja (from
# ninja-build); a build/<preset> made by hand with another generator must be
# removed (`make clean`) before these targets can reuse it.
#
#   make deps       install missing Debian packages (as root), or say how
#   make build      configure and build the release preset
#   make run        the README's main job: build a store from the ego-Facebook
#                   sample and query it
#   make test       build, then ctest on the release build
#   make sanitize   build and ctest the asan-ubsan preset
#   make tsan       build and ctest the tsan preset
#   make bench      build, then run the kernel micro-benchmarks
#   make samples    regenerate data-samples/sample/ (committed outputs)
#   make clean      remove build/ and out/

# Debian 12 packages that configure, build, test and plot need.
DEB_PACKAGES := build-essential cmake ninja-build pkg-config git python3 \
  libroaring-dev libtbb-dev libboost-graph-dev libflatbuffers-dev \
  flatbuffers-compiler libcli11-dev nlohmann-json3-dev zlib1g-dev \
  libxxhash-dev libhwy-dev libgtest-dev libgmock-dev googletest libbenchmark-dev \
  clang libclang-rt-14-dev gnuplot-nox

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
GENERATOR  := -G Ninja
CMAKE_ARGS ?=
BENCH_ARGS ?=

MUTUALS := build/release/tools/mutuals
EGO     := data-samples/snap-ego-facebook/facebook_combined.txt.gz
SAMPLE  := data-samples/sample
FACETS  := data-samples/facets
comma   := ,
STORE   := out/ego-facebook.store
LIMIT   := 5

# $(call show,COMMAND): print "+ COMMAND", then run it.
show = printf '+ %s\n' "$(1)" && $(1)

# Sanitizer runtime options: stop at the first report, with a stack.
SAN_ENV := ASAN_OPTIONS=abort_on_error=0:detect_leaks=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$(CURDIR)/tests/tsan.supp

.PHONY: help deps build run test sanitize tsan bench samples clean

help:
	@sed -n '/^#   make deps/,/^$$/s/^# \{0,1\}//p' $(firstword $(MAKEFILE_LIST))

deps:
	@command -v dpkg-query >/dev/null || { echo "deps: dpkg-query not found; this wrapper expects Debian 12" >&2; exit 1; }
	installed=$$(dpkg-query -W -f='$${Package} $${Status}\n' $(DEB_PACKAGES) 2>/dev/null \
	  | awk '$$NF == "installed" { print $$1 }' || true)
	missing=""
	for p in $(DEB_PACKAGES); do
	  grep -qxF "$$p" <<<"$$installed" || missing="$$missing $$p"
	done
	if [ -z "$$missing" ]; then
	  echo "deps: all Debian packages are installed"
	elif [ "$$(id -u)" -eq 0 ]; then
	  echo "deps: installing:$$missing"
	  $(call show,apt-get update)
	  $(call show,DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends$$missing)
	else
	  echo "deps: missing Debian packages:$$missing" >&2
	  echo "deps: install them with:" >&2
	  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends$$missing" >&2
	  exit 1
	fi

build: deps
	@$(call show,$(strip cmake --preset release $(GENERATOR) $(CMAKE_ARGS)))
	$(call show,cmake --build build/release -j$(JOBS))

run: build
	@$(call show,mkdir -p out)
	$(call show,rm -rf $(STORE))
	$(call show,$(MUTUALS) build --edges $(EGO) --consent $(SAMPLE)/consent.csv --schools $(FACETS)/ego_facebook_schools.csv --employers $(FACETS)/ego_facebook_employers.csv --out $(STORE))
	echo
	$(call show,$(MUTUALS) info $(STORE))
	# One query per status; see the comments in queries.txt.
	comment=""
	while IFS= read -r line; do
	  case "$$line" in
	    '#'*) comment="$$line" ;;
	    '') ;;
	    *) read -r v s want n <<<"$$line"
	       printf '\n%s\n(expected: %s, %s shared)\n' "$$comment" "$$want" "$$n"
	       $(call show,$(MUTUALS) query $(STORE) shared-connections --viewer $$v --subject $$s --limit $(LIMIT)) </dev/null ;;
	  esac
	done <$(SAMPLE)/queries.txt
	echo
	$(call show,$(MUTUALS) batch $(STORE) --pairs $(SAMPLE)/pairs.csv --out out/batch.csv --limit $(LIMIT))
	$(call show,head -n 12 out/batch.csv)
	echo
	echo "+ status histogram of out/batch.csv"
	awk -F, 'NR > 1 { n[$$3]++ } END { for (s in n) printf "  %-20s %6d\n", s, n[s] }' out/batch.csv | sort
	echo
	$(call show,python3 tools/samples/make_sample_inputs.py --verify-batch out/batch.csv --limit $(LIMIT))
	echo
	echo "# Everything in common, for viewer 1888 (linked, all grants):"
	$(call show,$(MUTUALS) query $(STORE) shared-schools --viewer 1888 --subject 107 --json)
	$(call show,$(MUTUALS) query $(STORE) connections-at --viewer 1888 --school 538 --limit 5 --json)
	$(call show,$(MUTUALS) query $(STORE) distance --viewer 1888 --subject 3553 --json)
	$(call show,$(MUTUALS) query $(STORE) meeting --viewer 1888 --attendees 107$(comma)1800$(comma)999999999 --limit 3 --json)
	$(call show,$(MUTUALS) consent $(STORE) import-contacts 3553 $(SAMPLE)/contacts.csv)
	$(call show,$(MUTUALS) query $(STORE) suggest --member 3553 --limit 5 --json)
	echo
	echo "# Disconnect takes effect at once, and is on disk before the command returns:"
	$(call show,$(MUTUALS) consent $(STORE) unlink 3553)
	$(call show,$(MUTUALS) query $(STORE) shared-connections --viewer 3553 --subject 3835 --json)
	$(call show,$(MUTUALS) query $(STORE) suggest --member 3553 --limit 3 --json)

test: build
	@$(call show,ctest --test-dir build/release --output-on-failure -j2)

sanitize: deps
	@$(call show,$(strip cmake --preset asan-ubsan $(GENERATOR) $(CMAKE_ARGS)))
	$(call show,cmake --build build/asan-ubsan -j$(JOBS))
	$(call show,env $(SAN_ENV) ctest --test-dir build/asan-ubsan --output-on-failure -j2)

# ThreadSanitizer (GCC 12, clang 14) cannot map its shadow memory when the
# kernel randomises mmap with more than 28 bits; run without ASLR there.
tsan: deps
	@$(call show,$(strip cmake --preset tsan $(GENERATOR) $(CMAKE_ARGS)))
	$(call show,cmake --build build/tsan -j$(JOBS))
	norand=""
	if [ "$$(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || echo 0)" -gt 28 ]; then
	  norand="setarch $$(uname -m) -R"
	fi
	$(call show,$$norand env $(SAN_ENV) ctest --test-dir build/tsan --output-on-failure -j2)

bench: build
	@if [ -x build/release/bench/mutuals_bench ]; then
	  $(call show,build/release/bench/mutuals_bench $(BENCH_ARGS))
	else
	  echo "bench: build/release/bench/mutuals_bench was not built (no *_bench.cc yet)"
	fi

samples:
	@$(call show,python3 tools/samples/make_sample_inputs.py)

clean:
	@$(call show,rm -rf build out)

# Every recipe runs as one bash script (set -eu -o pipefail): a failing
# step stops the target.
.ONESHELL:
