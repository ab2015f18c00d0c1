# The two commands of the README: `make book` and `make test`. Both install the Debian
# packages the project needs (scripts/setup), then configure and build with CMake,
# reusing the build directory.
# `make test` also installs Ace by DAISY into $(BUILD)/ace on its first run: ctest's
# fixture test ace_setup (scripts/setup-ace) runs before the Ace tests.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all setup configure build book test test-unit test-slow test-sanitize fuzz bench clean

all: build

setup:
	@scripts/setup

$(BUILD)/CMakeCache.txt: | setup
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

configure: setup $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j$(JOBS)

book: build
	$(BUILD)/src/cli/octavo build manuscript -o out

# Tests labelled `slow` (Ace on the two long corpus books, minutes each) run with
# `make test-slow`, not here: `make test` stays within about ten minutes.
test: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS) -LE slow

test-slow: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS) -L slow

test-unit: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS) -L unit

# The benchmark of issue 6 (docs/benchmarks.md): octavo and the anchor (pandoc, and
# pandoc + XeLaTeX, installed by scripts/setup-bench) on the corpus books, medians of
# several runs. Minutes, most of them XeLaTeX's; never part of `make test`.
# BENCH_ARGS passes options to bench/run, e.g. BENCH_ARGS="--runs 3 --books mid".
bench: build
	scripts/setup-bench
	bench/run --octavo $(BUILD)/src/cli/octavo $(BENCH_ARGS)

# The whole suite (but the `slow` Ace runs) built with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (CMakePresets.json, preset `sanitize`, in build-sanitize/),
# with a short run of each fuzz target (ctest label `fuzz`, 20 s each).
test-sanitize: setup
	cmake --preset sanitize
	cmake --build --preset sanitize -j$(JOBS)
	ctest --preset sanitize -j$(JOBS)

# The fuzz targets, FUZZ_SECONDS each (30 minutes by default), corpus kept in
# build-sanitize/fuzz-corpus between runs.
FUZZ_SECONDS ?= 1800
fuzz: setup
	cmake --preset sanitize
	cmake --build --preset sanitize -j$(JOBS) --target fuzz_chapter fuzz_config fuzz_build
	tests/fuzz/run --seconds $(FUZZ_SECONDS) --work build-sanitize/fuzz-corpus \
	  build-sanitize/tests/fuzz/fuzz_chapter build-sanitize/tests/fuzz/fuzz_config build-sanitize/tests/fuzz/fuzz_build

clean:
	rm -rf $(BUILD) build-sanitize out
