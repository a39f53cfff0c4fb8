# Transition — the two commands: `make demo` (serve the site with demo data) and `make test`.
SHELL := /bin/bash
PYTHON_SYSTEM ?= /usr/bin/python3.11
VENV := .venv
PY := $(VENV)/bin/python
# What the site needs to run (make demo; WeasyPrint warns without HarfBuzz's subsetter, and the tests
# turn warnings into errors), and what only the tests add (browser, Redis for the consumer tests).
DEBIAN_PACKAGES := python3-venv binutils libproj-dev gdal-bin libsqlite3-mod-spatialite libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
DEBIAN_TEST_PACKAGES := chromium redis-server
PYTEST_ARGS ?=

.PHONY: demo test quality system-deps test-deps migrate serve clean

# Debian packages for GDAL, GEOS, PROJ and SpatiaLite; installed only when missing.
system-deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(DEBIAN_PACKAGES)"

# The browser tests' Chromium and the Redis the consumer tests start: make test only.
test-deps: system-deps
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(DEBIAN_TEST_PACKAGES)"

apt-install:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installation des paquets Debian manquants : $$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

# Debian's Python: its sqlite3 can load the SpatiaLite extension (the pyenv build cannot).
$(VENV)/.installed: requirements/dev.lock | system-deps
	test -x $(PY) || $(PYTHON_SYSTEM) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --require-hashes -r requirements/dev.lock
	touch $@

# addok (the engine of the national address service) has pins of its own: a virtualenv apart,
# used only by the tests and the benchmark that run a real geocoder on loopback.
.venv-addok/.installed: requirements/addok.lock | system-deps
	test -x .venv-addok/bin/python || $(PYTHON_SYSTEM) -m venv .venv-addok
	.venv-addok/bin/python -m pip install -q --upgrade pip
	.venv-addok/bin/python -m pip install -q --require-hashes -r requirements/addok.lock
	touch $@

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

# The site as users get it (DEBUG off: French error pages; --insecure: runserver still serves the static files),
# with one task consumer. Ctrl-C stops both: the trap is reset before it runs (a trap that kills its
# own process group calls itself again until bash overflows: the old "Segmentation fault").
demo: migrate
	$(PY) manage.py demo
	@echo "Transition : http://127.0.0.1:8000 (Ctrl-C pour arrêter) ; comptes de démonstration : README.md"
	@trap 'trap - INT TERM EXIT; kill $$huey 2>/dev/null; wait $$huey 2>/dev/null' INT TERM EXIT; \
	  DJANGO_DEBUG=false $(PY) manage.py run_huey & huey=$$!; \
	  DJANGO_DEBUG=false $(PY) manage.py runserver 127.0.0.1:8000 --noreload --insecure

# Two test processes, handed two tests at a time (xdist's default hands out hundreds of consecutive
# tests at once: the tests of one long module, the accessibility crawls, all went to one process).
test: $(VENV)/.installed .venv-addok/.installed test-deps
	$(VENV)/bin/pytest -n 2 --maxschedchunk=2 $(PYTEST_ARGS)

quality: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=transition.config.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SECRET_KEY=$$(head -c 64 /dev/urandom | base64 -w0) AUDIT_HMAC_KEYS=ci:$$(head -c 48 /dev/urandom | base64 -w0) DJANGO_ALLOWED_HOSTS=transition.example.org \
	  DJANGO_SETTINGS_MODULE=transition.config.settings.prod $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) .venv-addok var
