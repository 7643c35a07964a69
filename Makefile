# Two commands are all the set-up: `make book` and `make test` create .venv and install
# requirements.txt when it is missing or has changed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.ready
EDITION ?=
PORT ?= 8000

.PHONY: book test check browser-prerequisites validate coverage serve bench clean catalogue

$(READY): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

book: $(READY)
	$(PY) scripts/build_book.py $(if $(EDITION),--edition $(EDITION)) $(if $(REVIEW),--review) $(if $(WAIT),--wait $(WAIT))

serve:
	@test -d _build/site || { echo "no site yet: run make book first"; exit 1; }
	@echo "Serving _build/site at http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(PY) -m http.server --bind 127.0.0.1 $(PORT) --directory _build/site

validate: $(READY)
	$(PY) scripts/validate.py

# the whole suite: unit tests, notebooks, book builds and the browser tests
test: $(READY) browser-prerequisites
	$(PY) -m pytest

# the unit tests only, for day-to-day work (no book build, no kernel, no browser)
check: $(READY)
	$(PY) -m pytest -m "not slow" -q

# Debian's chromium and a Chinese font, installed with apt-get when missing (as root; otherwise
# it names the command to run)
browser-prerequisites:
	@sh scripts/browser_prerequisites.sh

clean:
	rm -rf _build

coverage: $(READY)
	$(PY) scripts/coverage.py $(if $(AREA),--area $(AREA))

catalogue: $(READY)
	$(PY) -m plantrack.catalogue update

bench: $(READY)
	$(PY) scripts/bench.py --runs $(or $(RUNS),3)
