# Idea Bank (创新智慧库) — every target sets itself up from nothing on a fresh
# Debian 12 machine: Debian packages (as root, or a message naming them), the
# virtualenv from constraints.txt, the compiled translations. See docs/DEVELOPING.md.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/python -m pip --disable-pip-version-check
ARGS   ?=

STAMP_VENV := .stamp-venv

UI_SOURCES := $(shell find app/ui -name '*.py' 2>/dev/null | sort)
TS_MAIN    := resources/i18n/ideabank_zh_CN.ts resources/i18n/ideabank_en.ts
TS_FILES   := $(sort $(TS_MAIN) $(wildcard resources/i18n/*.ts))
QM_FILES   := $(TS_FILES:.ts=.qm)

.PHONY: help setup system venv run lint typecheck test bench soak translations qm screenshots \
        wheel package lock clean distclean

help:
	@echo "make run           set up, then start the app (ARGS='--data-dir DIR' ...)"
	@echo "make lint          ruff: pyflakes, pycodestyle, import order (config in pyproject.toml)"
	@echo "make typecheck     mypy: strict over app and db; the window may return Qt's item data untyped (pyproject.toml)"
	@echo "make test          set up, lint, typecheck, then every test (Qt offscreen)"
	@echo "make bench         every bench/bench_*.py (ARGS=NAME picks some)"
	@echo "make soak          long-running tests and bench/soak_*.py (not in CI)"
	@echo "make translations  lupdate app/ui -> resources/i18n/*.ts, lrelease -> .qm"
	@echo "make screenshots   docs/screenshots under Xvfb"
	@echo "make wheel         dist/ideabank-*.whl (migrations, resources, .qm inside)"
	@echo "make package       dist/ideabank/ (PyInstaller) and dist/ideabank-VERSION-linux-ARCH.tar.gz"
	@echo "make lock          rewrite constraints.txt from what .venv has"
	@echo "make clean | distclean (distclean also removes .venv)"

setup: system venv

# Always runs: dpkg-query answers in milliseconds, and a removed package is noticed.
system:
	@PYTHON="$(PYTHON)" bash packaging/system-deps.sh

venv: $(STAMP_VENV)

# The interpreter is its own target so that a deleted .venv is rebuilt even
# when the stamp is still there.
$(VENV)/bin/python:
	@py=""; \
	for c in $(PYTHON) python3.13 python3.12 python3.11; do \
	    if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then py=$$c; break; fi; \
	done; \
	if [ -z "$$py" ]; then \
	    echo "错误：需要 Python 3.11 或更新版本 / ERROR: Python >= 3.11 is required, none found" >&2; \
	    echo "  (tried: $(PYTHON) python3.13 python3.12 python3.11; found: $$($(PYTHON) --version 2>&1))" >&2; \
	    echo "  Debian 12: apt-get install python3 python3-venv; or run make PYTHON=/path/to/python3.11" >&2; \
	    exit 1; \
	fi; \
	echo "creating $(VENV) with $$(command -v $$py) ($$($$py --version 2>&1))"; \
	$$py -m venv --clear $(VENV) || { \
	    echo "错误：无法创建虚拟环境 / ERROR: '$$py -m venv' failed (Debian: apt-get install python3-venv)" >&2; \
	    rm -rf $(VENV); exit 1; }

# pip, setuptools and every dependency come from constraints.txt, the versions CI
# tested. setuptools is installed first and the editable install builds with it
# (--no-build-isolation): no throw-away build environment, no unpinned backend.
$(STAMP_VENV): pyproject.toml constraints.txt setup.py $(VENV)/bin/python | system
	$(PIP) install -q -c constraints.txt pip setuptools
	$(PIP) install -q -c constraints.txt --no-build-isolation -e '.[test,package]'
	@touch $@

# Without a display the app itself says so and how to run it (Xvfb, offscreen).
run: setup qm
	$(PY) -m app $(ARGS)

# Seconds for the whole tree; `ruff check --fix` sorts imports and drops unused ones.
lint: setup
	$(VENV)/bin/ruff check .

# mypy --strict over app/ and db/ (pyproject.toml [tool.mypy]); the window may return Qt data typed Any.
typecheck: setup
	$(VENV)/bin/mypy

# pytest exits 5 when it collects nothing; that is not a failure of the build.
test: setup qm lint typecheck
	@echo "QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest $(ARGS)"
	@QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest --durations=10 $(ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests"; exit 0; fi; \
	exit $$rc

bench: setup
	$(PY) bench/run.py $(ARGS)

# ARGS go to bench/run.py (a soak script's name); pytest runs every soak test.
soak: setup qm
	@QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -m soak; rc=$$?; \
	if [ $$rc -ne 0 ] && [ $$rc -ne 5 ]; then exit $$rc; fi
	$(PY) bench/run.py --soak $(ARGS)

# lupdate rewrites the .ts sources (keeping every existing translation);
# lrelease compiles them. `make run`/`make test` only compile (qm), so running
# tests never edits tracked files.
translations: setup
	@mkdir -p resources/i18n
	@for ts in $(TS_MAIN); do \
	    lang=$${ts#resources/i18n/ideabank_}; lang=$${lang%.ts}; \
	    echo "pyside6-lupdate -> $$ts"; \
	    $(VENV)/bin/pyside6-lupdate -silent -locations none -target-language $$lang $(UI_SOURCES) -ts $$ts || exit 1; \
	done
	@$(MAKE) --no-print-directory qm

# A .ts that is not there yet starts from the current sources.
$(TS_MAIN): | venv
	@mkdir -p resources/i18n
	$(VENV)/bin/pyside6-lupdate -silent -locations none -target-language $(patsubst resources/i18n/ideabank_%.ts,%,$@) $(UI_SOURCES) -ts $@

qm: $(QM_FILES)

resources/i18n/%.qm: resources/i18n/%.ts | venv
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

screenshots: setup qm
	@command -v xvfb-run >/dev/null || { echo "xvfb-run missing: apt-get install xvfb xauth" >&2; exit 1; }
	@mkdir -p docs/screenshots
	xvfb-run -a -s "-screen 0 1440x900x24" $(PY) -m app.ui.screenshots docs/screenshots $(ARGS)

# Built from the work tree with the venv's pinned setuptools; setup.py compiles
# the .qm files into the wheel itself (PySide6's lrelease is in the venv).
wheel: setup
	@rm -rf build
	$(PIP) wheel -q --no-deps --no-build-isolation -w dist .
	@ls -l dist/*.whl

# The one-folder application dist/ideabank/ (both programs), then the Linux archive with its
# install script, desktop entry and icons (packaging/linux/). Windows: see packaging/README.md.
package: setup qm
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
	    packaging/ideabank.spec
	$(PY) packaging/linux/archive.py dist/ideabank dist

# After upgrading something in .venv and running the tests: pin what passed.
lock: venv
	@{ echo "# Exact versions CI tested; every install uses them (pip install -c constraints.txt)."; \
	   echo "# Regenerate with: make lock"; \
	   $(PIP) freeze --all --exclude-editable; } > constraints.txt
	@echo "constraints.txt: $$(grep -vc '^#' constraints.txt) pins"

clean:
	rm -rf build dist *.egg-info .pytest_cache .hypothesis .ruff_cache .mypy_cache $(STAMP_VENV) resources/i18n/*.qm
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) bench/out
