# KIS — the two commands of the README:
#   make run   — set up everything and serve the demo on http://127.0.0.1:8000 (SQLite)
#   make test  — set up everything and run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup messages lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

messages: $(STAMP)
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv -v 0

setup: $(STAMP) messages

run:
	bin/system-packages run
	$(MAKE) --no-print-directory setup
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input -v 0
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo
	@# The task worker makes large documents in the background; it stops with the server.
	DJANGO_DEBUG=1 $(BIN)/python manage.py db_worker --interval 0.1 --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

test:
	bin/system-packages test
	$(MAKE) --no-print-directory setup
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 db.sqlite3-shm db.sqlite3-wal
