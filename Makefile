# Likeness: the two commands a newcomer needs are `make demo` and `make test`.
CACHE ?= $(or $(LIKENESS_CACHE),$(HOME)/.cache/likeness)
# SwiftPM finds the ONNX Runtime header through the pkg-config file `make setup` writes.
export PKG_CONFIG_PATH := $(CACHE)/onnxruntime/pkgconfig$(if $(PKG_CONFIG_PATH),:$(PKG_CONFIG_PATH))
export LIKENESS_CACHE := $(CACHE)

.PHONY: setup build test demo bench-decode clean

## Install every system package and download (idempotent; cached under $(CACHE)).
setup:
	@bash scripts/setup.sh

## Release binary at .build/release/likeness.
build: setup
	swift build -c release --product likeness

## Set up, build and run the whole test suite. A throwaway local PostgreSQL (scripts/postgres.sh) runs
## for the shared-catalog tests and is stopped afterwards, also when a test fails.
test: setup
	swift build --build-tests
	trap 'bash scripts/postgres.sh stop' EXIT; bash scripts/postgres.sh start \
	  && LIKENESS_TEST_POSTGRES="$$(bash scripts/postgres.sh url)" LIKENESS_TEST_POSTGRES_CERT="$$(bash scripts/postgres.sh cert)" swift test

## Set up, build, and run the main job on real photos with the default SQLite catalog.
demo: build
	@bash scripts/demo.sh

## Decode speed against Pillow on 12-megapixel JPEGs, in one run.
bench-decode: build
	@bash bench/decode.sh $(CACHE)/photos/large 3

clean:
	rm -rf .build
