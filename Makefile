# The two commands of the README: `make site` and `make test`.
# Everything is installed into .venv/ from this repository's own files.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material prints an end-of-life notice on every build; it is noise for
# trainers (the README explains the MkDocs 2 / Zensical situation instead).
export NO_MKDOCS_2_WARNING := 1
# `make site SITE_URL=http://host/path/` sets the address the site is served at.
export SITE_URL
# Reproducible builds: dates in the output come from the last commit, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
export SOURCE_DATE_EPOCH

.PHONY: site serve lint test check vendor clean screenshots

$(BIN)/academy: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# After the build, the hosting example's Content-Security-Policy gets the
# hashes of this build's inline scripts.
site: $(BIN)/academy
	$(BIN)/mkdocs build --strict --clean
	$(BIN)/python -m academy.publish.csp site --write hosting/nginx.conf

serve: $(BIN)/academy
	$(BIN)/mkdocs serve

check: $(BIN)/academy
	$(BIN)/academy check

# TypeScript (pinned in package.json) checks the plugin's browser scripts;
# nothing of it is shipped.
TSC := node_modules/.bin/tsc
$(TSC): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Lint, format and type checks at the versions pinned in pyproject.toml's
# `test` extra and package.json; a new finding fails `make test` and
# therefore `.ci/run`.
lint: $(BIN)/academy $(TSC)
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/mypy
	$(TSC) --noEmit -p tsconfig.json

test: lint
	$(BIN)/python -m pytest

# Result pages (quiz results, 我的学习, the log) at phone and desktop widths, light
# and dark, as PNGs in site-screenshots/: look at them before submitting a change.
screenshots: $(BIN)/academy
	$(BIN)/python scripts/screenshots.py

# Refresh the vendored front-end files from the npm registry at the versions
# pinned in package.json / package-lock.json. Only needed when upgrading them.
vendor:
	npm ci --ignore-scripts --no-audit --no-fund
	$(PYTHON) scripts/vendor_assets.py

clean:
	rm -rf site .pytest_cache
