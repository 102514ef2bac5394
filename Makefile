# Quick start:  make figures   (set up .venv, run every notebook, write figures/)
#               make test      (the whole test suite, notebooks included)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
# Quiet, reproducible notebook runs: no timing metadata, no hash randomisation.
export PYTHONHASHSEED := 0
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help setup figures test lint lab bench validate lock clean book

help:
	@echo "make figures  set up the environment, execute the notebooks in place, write figures/"
	@echo "make test     run unit tests and re-execute every notebook with strict nbval"
	@echo "make lab      open JupyterLab on notebooks/"
	@echo "make bench    run the performance benchmarks (not part of make test)"
	@echo "make validate score the extractors against the gold of the development corpora"
	@echo "make lint     ruff"
	@echo "make book     build the lesson website from the saved notebooks into book/_build/html"

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: no python3 found; install Python 3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (corpus_utils)" >/dev/null
	@touch $(STAMP)

figures: $(STAMP)
	$(BIN)/jupyter nbconvert --log-level=WARN --to notebook --execute --inplace \
	    --ExecutePreprocessor.record_timing=False --ExecutePreprocessor.store_widget_state=False \
	    --ExecutePreprocessor.timeout=1200 $(NOTEBOOKS)

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check corpus_utils tests benchmarks validation notebooks

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

validate: $(STAMP)
	$(BIN)/python validation/validate.py

lock: $(STAMP)
	$(BIN)/python -m pip install --quiet -r requirements.in
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

# The lesson website (Jupyter Book), from the notebooks as saved: never executed here.
# BOOK_OUT=DIR builds into DIR/_build/html instead (the browser test does).
BOOK_OUT ?= book
book: $(STAMP)
	$(BIN)/python book/site_config.py $(BOOK_OUT)/_build/_config.yml
	$(BIN)/jupyter-book build . --config $(BOOK_OUT)/_build/_config.yml --toc book/_toc.yml \
	    --path-output $(BOOK_OUT) --all --warningiserror --keep-going --quiet

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
