# The doors a newcomer uses. Every target sets up what it needs by itself.
#   make serve     build and serve the site at http://127.0.0.1:8000 (ADDR=host:port to change it;
#                  rebuilds on every edit to docs, data, overrides, macros.py and sitebuild)
#   make check     the fast loop for editors (under a minute): strict build, data, recipe, whole guide, links
#   make test      every test, browser included (lint first), then the edition-sensitive tests for each edition
#   make lint      ruff: lint and format check (pyproject.toml); make format applies the formatter
#   make schemas   regenerate schemas/*.json, the data files' schema lines and CONTRIBUTING's table of keys
#   make build     the site into site/ (strict)
#   make handouts  the site plus the handout and whole-guide PDFs in site/handouts/
# Every one builds the languages mkdocs.yml lists (extra.languages) into the same site: Spanish from
# es/mkdocs.yml into site/es/, its PDFs into site/es/handouts/ (README: "Languages").
# EDITION=au builds, serves or prints the edition editions/au/mkdocs.yml instead, into editions/au/site/
# (e.g. make build EDITION=au; the same as: mkdocs build --strict -f editions/au/mkdocs.yml).
#   make bench     the performance benchmark against default Material (figures, not a test)
#   make stress    the whole suite N times (default 5, e.g. make stress N=3) with every core kept busy
#   make lock      regenerate the hashed requirements files from requirements*.in

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# Reproducible output: dates in the build come from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: serve build check test lint format schemas stress handouts bench lock clean system

EDITION ?=
CONFIG  := $(if $(EDITION),editions/$(EDITION)/mkdocs.yml,mkdocs.yml)
SITE    := $(if $(EDITION),editions/$(EDITION)/site,site)
EDITIONS := $(wildcard editions/*/mkdocs.yml)

# Building needs only requirements.txt and the project's own package (pyproject.toml), installed
# editable: nothing is copied, edits count at once. The tests' tools come on top, for `make test` only.
$(BIN)/.built: requirements.txt pyproject.toml
	@sh scripts/setup-system.sh venv
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(BIN)/.installed: $(BIN)/.built requirements-test.txt
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt -r requirements-test.txt
	touch $@

node_modules/.installed: package.json package-lock.json | system
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Chromium, Java, poppler, fonts and Node.js, where the machine lacks them.
system: $(BIN)/.installed
	@sh scripts/setup-system.sh test

# Rebuilds on every edit: docs/, mkdocs.yml, data/, overrides/ and macros.py through MkDocs' own
# watcher; a change to the sitebuild package's Python restarts the server (watchmedo, from watchdog).
ADDR ?= 127.0.0.1:8000
serve: $(BIN)/.built
	SITE_URL=http://$(ADDR)/ $(BIN)/watchmedo auto-restart --directory=$(CURDIR)/sitebuild --recursive --patterns="**/*.py" \
		--debounce-interval=1 -- $(BIN)/mkdocs serve --strict -f $(CONFIG) --dev-addr $(ADDR) \
		--watch-theme --watch data --watch macros.py

build: $(BIN)/.built
	$(BIN)/mkdocs build --strict -f $(CONFIG) -d $(CURDIR)/$(SITE)

# The public address printed on handouts: by default GitHub Pages' address for the origin remote.
PUBLIC_URL ?= $(shell git remote get-url origin 2>/dev/null | sed -nE 's#.*github\.com[:/]([^/]+)/([^/]+)$$#https://\1.github.io/\2/#p' | sed 's#\.git/$$#/#')

handouts: $(BIN)/.installed system
	@test -n "$(PUBLIC_URL)" || { echo "make handouts: set PUBLIC_URL to the site's public address, e.g. PUBLIC_URL=https://example.org/"; exit 2; }
	SITE_URL=$(PUBLIC_URL) $(BIN)/mkdocs build --strict -f $(CONFIG) -d $(CURDIR)/$(SITE)
	$(BIN)/python scripts/handouts.py --site $(SITE) --config $(CONFIG)

# The editor's loop: the strict build of every edition checks every data file, macro call, nav entry, page recipe, link and
# anchor (MkDocs' validation and sitebuild/hooks/links.py); then the data, recipe, macro, whole-guide and
# link-checker tests in one process. LinkChecker's crawl of the whole served site (half a minute) is left
# to `make test`.
check: $(BIN)/.installed
	$(BIN)/mkdocs build --strict --quiet
	$(foreach config,$(EDITIONS),$(BIN)/mkdocs build --strict --quiet -f $(config) -d $(CURDIR)/$(dir $(config))site &&) true
	$(BIN)/python scripts/schemas.py --check
	$(BIN)/python -m pytest -p no:xdist -q tests/test_schemas.py tests/test_recipe.py tests/test_macros.py \
		tests/test_codebase.py tests/test_themecss.py tests/test_links.py -k "not test_linkchecker_finds_no_broken" \
		"tests/test_guide.py::test_the_whole_guide_lists_the_guide_pages_of_the_nav_in_order"

# Every test against the project's own edition, then the edition-sensitive ones (marked `edition`:
# name, help page and box, credits, PDF budgets, links) against each edition under editions/.
test: lint $(BIN)/.installed system node_modules/.installed
	$(BIN)/python -m pytest -n 2 tests
	$(foreach config,$(EDITIONS),$(BIN)/python -m pytest -n 2 -m edition --edition=$(config) tests &&) true

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

schemas: $(BIN)/.built
	$(BIN)/python scripts/schemas.py

# Not part of `make test`: proves the suite passes every time on a busy machine. Logs in stress-results/.
N ?= 5
stress: $(BIN)/.installed system node_modules/.installed
	$(BIN)/python scripts/stress.py --runs $(N)

bench: $(BIN)/.installed system node_modules/.installed
	$(BIN)/python scripts/bench.py

# Locks against PyPI alone (no local indexes or wheel folders), with a hash for every file.
LOCK := env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

lock: $(BIN)/.installed
	$(LOCK) -o requirements.txt requirements.in
	$(LOCK) -o requirements-test.txt requirements-test.in

clean:
	rm -rf site editions/*/site .cache editions/*/.cache .pytest_cache stress-results
