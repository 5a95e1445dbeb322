# Everyday tasks. `make help` lists them. Only Python 3.11 and make are needed first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PERIOD ?=

.DEFAULT_GOAL := help
.PHONY: help setup browser demo test lint docs mutation clean

help:  ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory browser
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

setup: $(STAMP)  ## Create .venv and install the package with its test tools

# Debian's Chromium prints the PDF and runs the browser tests (Playwright's own browser
# download cannot be reached here). Installed when make runs as root; skipped otherwise.
browser:  ## Install Chromium, fonts and poppler from Debian (as root)
	@if command -v chromium >/dev/null && command -v pdftotext >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core poppler-utils; \
	else echo "Chromium not found and not root: the PDF and browser tests will be skipped"; fi

demo: setup  ## Generate the synthetic demo authority's year of monthly extracts, load them, run its month
	$(BIN)/onapage demo-data --out data/demo --template --monthly 13
	$(BIN)/onapage load --history data/demo
	$(BIN)/onapage run $(if $(PERIOD),--period $(PERIOD))

test: setup  ## Run the whole test suite
	$(BIN)/python -m pytest

lint: setup  ## Check style with ruff
	$(BIN)/ruff check lib tests

mutation: setup  ## Mutation reports on the catalogue's SQL and on the core Python, into outputs/mutation/
	$(BIN)/python -m onapage.indicators.mutation --out outputs/mutation
	$(BIN)/python -m onapage.python_mutation --out outputs/mutation

docs: setup  ## Regenerate docs/input_contract.md and docs/data_quality_rules.md
	$(BIN)/onapage contract --out docs/input_contract.md
	$(BIN)/onapage rules --out docs/data_quality_rules.md

clean:  ## Remove outputs and the environment (never touches data/)
	rm -rf outputs/demo.duckdb outputs/20[0-9][0-9]-[0-9][0-9] $(VENV)
