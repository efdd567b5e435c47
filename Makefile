# kiln — see README.md. Every target installs the system packages it needs first.
SWIFT        ?= swift
BUILD_PACKAGES := libcurl4-openssl-dev libarchive-dev zlib1g-dev libssl-dev pkg-config
BENCH_PACKAGES := hyperfine
RELEASE_BIN  := .build/release/kiln

.PHONY: all deps build release demo test test-network stress bench clean

all: build

deps:
	@scripts/ensure-apt-packages $(BUILD_PACKAGES)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --static-swift-stdlib

# Runs kiln's main jobs on the bundled example.
demo: release
	@scripts/demo $(RELEASE_BIN)

# The default suite: no network (a loopback index serves fixture packages).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip Network

# Tests against the real package index (PyPI): suites named Network*.
test-network: deps
	$(SWIFT) build --build-tests
	KILN_NETWORK_TESTS=1 $(SWIFT) test --filter Network

# Issue 9's stress run of the binary users run (built as `make release` builds it): 200 `kiln install`
# from the loopback index (half --find-links, half --index-url), each into a fresh venv with a fresh
# cache, and 100 `kiln python list`; fails on any signal, non-zero exit or incomplete install.
# The default suite runs the same test with 10 and 10.
stress: release
	$(SWIFT) build --build-tests
	KILN_BINARY=$(CURDIR)/$(RELEASE_BIN) KILN_STRESS_INSTALLS=200 KILN_STRESS_LISTS=100 \
		$(SWIFT) test --filter 'EndToEndTests\.Stress'

# Times kiln against uv and pip (installed from the index into bench/.venv).
bench: release
	@scripts/ensure-apt-packages $(BENCH_PACKAGES)
	python3 bench/run.py --kiln $(RELEASE_BIN)

clean:
	rm -rf .build dist bench/results
