.PHONY: help demo test test-quick steady lint bench screenshot docs

help:            ## list the targets
	@grep -E "^[a-z-]+:.*##" Makefile | sed 's/:.*##/\t/'

demo:            ## install kg, build the shipped briefs' graph and write the explorer
	python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/kg build && .venv/bin/kg render

test:            ## install everything the tests need and run every test (as CI does)
	bash scripts/test.sh

test-quick:      ## every test but the slow, server and browser ones, on all cores (a few minutes)
	.venv/bin/python -m pytest -q -n auto -m "not slow and not server and not browser"

steady:          ## the whole suite ten times, two runs side by side as each other's load (scripts/steady.sh)
	bash scripts/steady.sh

lint:            ## ruff check, format check and mypy
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy kg

bench:           ## kg end to end against its baselines at 100 and 1,000 briefs (bench/results.json)
	.venv/bin/python bench/run.py

screenshot:      ## remake docs/explorer.png from the shipped briefs
	.venv/bin/python scripts/screenshot.py

docs:            ## build the documentation site into site/ (offline; a warning is an error)
	python3 -m venv .venv && .venv/bin/pip install -q -e '.[docs]' && .venv/bin/mkdocs build --strict
