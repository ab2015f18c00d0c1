# The two commands of the README: `make book` and `make test`. Both install the Debian
# packages the project needs (scripts/setup), then configure and build with CMake,
# reusing the build directory.
# `make test` also installs Ace by DAISY into $(BUILD)/ace on its first run: ctest's
# fixture test ace_setup (scripts/setup-ace) runs before the Ace tests.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all setup configure build book test test-unit test-slow bench clean

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

clean:
	rm -rf $(BUILD) out
