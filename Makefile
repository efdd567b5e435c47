# kiln — see README.md. Every target installs the system packages it needs first.
SWIFT        ?= swift
BUILD_PACKAGES := libcurl4-openssl-dev libarchive-dev zlib1g-dev libssl-dev pkg-config
BENCH_PACKAGES := hyperfine
RELEASE_BIN  := .build/release/kiln
RELEASE_FLAGS := -c release --static-swift-stdlib
# End-to-end tests run the binary users run: the release build (see DESIGN.md, "Testing what users run").
E2E_BINARY   := KILN_BINARY=$(CURDIR)/$(RELEASE_BIN)

.PHONY: all deps build release demo test test-optimised test-network stress sanitize bench clean

all: build

deps:
	@scripts/ensure-apt-packages $(BUILD_PACKAGES)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

# Runs kiln's main jobs on the bundled example.
demo: release
	@scripts/demo $(RELEASE_BIN)

# The default suite: no network (a loopback index serves fixture packages). Unit suites run the
# debug build; every end-to-end test runs the release binary, built exactly as `make release`.
test: deps
	$(SWIFT) build $(RELEASE_FLAGS)
	$(SWIFT) build --build-tests
	$(E2E_BINARY) $(SWIFT) test --skip-build --skip Network

# The unit suites compiled as users' code is, with -O (the optimiser has turned correct-looking
# Swift into crashes here), in a scratch directory of their own; end-to-end suites already run
# the release binary in `make test`. Costs one optimised build of everything (about 4-6 min here).
test-optimised: deps
	$(SWIFT) build -c release -Xswiftc -enable-testing --build-tests --scratch-path .build-opt
	$(SWIFT) test -c release -Xswiftc -enable-testing --scratch-path .build-opt --skip-build --skip Network --skip EndToEndTests

# Tests against the real package index (PyPI): suites named Network*, against the release binary.
test-network: deps
	$(SWIFT) build $(RELEASE_FLAGS)
	$(SWIFT) build --build-tests
	$(E2E_BINARY) KILN_NETWORK_TESTS=1 $(SWIFT) test --skip-build --filter Network

# The end-to-end suite against optimised binaries built with ThreadSanitizer and with
# AddressSanitizer (each in a scratch directory of its own). Reports fail the run.
SANITIZE_E2E := EndToEndTests
sanitize: deps
	$(SWIFT) build --build-tests
	$(SWIFT) build -c release --sanitize=thread --scratch-path .build-tsan --product kiln
	KILN_BINARY=$(CURDIR)/.build-tsan/release/kiln TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1" \
		$(SWIFT) test --skip-build --filter $(SANITIZE_E2E) --skip Network
	$(SWIFT) build -c release --sanitize=address --scratch-path .build-asan --product kiln
	KILN_BINARY=$(CURDIR)/.build-asan/release/kiln ASAN_OPTIONS="halt_on_error=1 exitcode=67 detect_leaks=0" \
		$(SWIFT) test --skip-build --filter $(SANITIZE_E2E) --skip Network

# Issue 9's stress run of the binary users run (built as `make release` builds it): 200 `kiln install`
# from the loopback index (half --find-links, half --index-url), each into a fresh venv with a fresh
# cache, and 100 `kiln python list`; fails on any signal, non-zero exit or incomplete install.
# The default suite runs the same test with 10 and 10.
stress: release
	$(SWIFT) build --build-tests
	$(E2E_BINARY) KILN_STRESS_INSTALLS=200 KILN_STRESS_LISTS=100 \
		$(SWIFT) test --skip-build --filter 'EndToEndTests\.Stress'

# Times kiln against uv and pip (installed from the index into bench/.venv).
bench: release
	@scripts/ensure-apt-packages $(BENCH_PACKAGES)
	python3 bench/run.py --kiln $(RELEASE_BIN)

clean:
	rm -rf .build .build-tsan .build-asan .build-opt dist bench/results
