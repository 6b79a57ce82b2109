# Seam: the two commands a fresh Debian/Ubuntu machine needs are `make run` and `make test`.
# Both install missing system packages with apt-get when run as root; otherwise they print the
# exact command to run and stop.

SHELL := /bin/bash
SWIFT ?= swift
# Packages the build and the workbench need.
SYSTEM_PACKAGES := libopenblas-dev libncursesw5-dev git pkg-config
# Packages only the tests need: tmux drives the real TUI, curl and python3 the engine's socket,
# node and TypeScript the JavaScript-to-TypeScript migration, node-* packages are real projects
# migrated at test time.
TEST_PACKAGES := tmux curl python3 python3-pip nodejs node-typescript
TEST_NODE_PROJECTS := node-semver node-js-yaml
# The workbench opens this directory.
WORKSPACE ?= $(CURDIR)

.PHONY: all run build build-debug test deps test-deps bench clean

all: build

## Install missing system packages (as root), or print the command to do it.
deps:
	@./.ci/ensure-packages $(SYSTEM_PACKAGES)

test-deps: deps
	@./.ci/ensure-packages $(TEST_PACKAGES) $(TEST_NODE_PROJECTS)
	@./.ci/ensure-python-packages openai

## Release build of both executables.
build: deps
	$(SWIFT) build -c release

build-debug: deps
	$(SWIFT) build

## Start the workbench on $(WORKSPACE); it starts the engine on the bundled tiny checkpoint.
run: build
	./.build/release/seam "$(WORKSPACE)"

## Every test: unit, integration and end to end (real socket, curl, openai client, tmux).
test: test-deps build-debug
	$(SWIFT) test

## Benchmarks: executables that print ratios measured in one run (engine on both fixture
## checkpoints and its kernels; file tree, key-to-frame latency, diff and apply rate).
bench: build
	./.build/release/seam-engine bench --model Models/deepseek-v4-tiny --skip-kernels
	./.build/release/seam-engine bench --model Tests/Fixtures/deepseek-v4-small-fp8
	./.build/release/seam-bench tree
	./.build/release/seam-bench frame
	./.build/release/seam-bench diff --repos "$$(git rev-parse --absolute-git-dir)"

clean:
	rm -rf .build
