.PHONY: help demo test lint bench

help:            ## list the targets
	@grep -E '^[a-z]+:.*##' Makefile | sed 's/:.*##/\t/'

demo:            ## install kg and build the shipped briefs' graph
	python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/kg build

test:            ## install everything the tests need and run them
	bash scripts/test.sh

lint:            ## ruff check and format check
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

bench:           ## time the analysis on synthetic graphs of 30, 1,000 and 10,000 factors
	.venv/bin/python bench/bench_analysis.py
