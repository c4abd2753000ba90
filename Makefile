# wijkvoucher – the two commands a fresh machine needs: `make demo` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements/dev.txt pyproject.toml | cksum | cut -d' ' -f1)
# Sign-in links in the demo mailbox point at the port the demo serves on; the demo
# has no task worker, so background tasks run at once.
DEMO_ENV := WIJKVOUCHER_DEMO=1 WIJKVOUCHER_SITE_URL=http://127.0.0.1:$(PORT) \
	WIJKVOUCHER_TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend

.PHONY: demo test install lint format typecheck check-deploy messages demo-reset serve clean ci

$(STAMP): requirements/dev.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "wijkvoucher needs $(PYTHON) (Python 3.11)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

demo: install
	mkdir -p var
	@# Later commands in this folder (python manage.py …, as the README shows them)
	@# run against the demo too: manage.py reads var/demo.env.
	printf '%s\n' $(DEMO_ENV) > var/demo.env
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py demo_load
	$(DEMO_ENV) $(PY) manage.py demo_credentials --text
	@echo "wijkvoucher demo: http://127.0.0.1:$(PORT)/  (demo mailbox: http://127.0.0.1:$(PORT)/demo/mailbox/)"
	@# gunicorn as in production (scripts/serve-demo.sh); `make serve` runs Django's
	@# development server (reloads on code changes) for developers.
	$(DEMO_ENV) PYTHON=$(PY) scripts/serve-demo.sh 127.0.0.1:$(PORT)

# Django's development server on the demo database, reloading on code changes.
serve: install
	mkdir -p var
	printf '%s\n' $(DEMO_ENV) > var/demo.env
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

demo-reset:
	rm -f var/db.sqlite3 var/db.sqlite3-wal var/db.sqlite3-shm var/demo.env

ci:
	.ci/run

# pytest exits 5 when it collects no tests; that is not a failure of the suite.
# -n auto: one worker per core (pytest-xdist); PYTEST_ARGS="-n 0" runs in one process.
test: install
	mkdir -p var
	$(PY) -m pytest -q -n auto --dist loadgroup $(PYTEST_ARGS) || { rc=$$?; [ $$rc -eq 5 ] || exit $$rc; }

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(DEMO_ENV) $(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Production-like settings; WIJKVOUCHER_DEMO=0 so that a var/demo.env left by `make demo`
# (read by manage.py) cannot turn the check into a check of the demo.
check-deploy: install
	DJANGO_SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') \
	DJANGO_ALLOWED_HOSTS=wijkvoucher.example.nl WIJKVOUCHER_HTTPS=1 REDIS_URL=redis://127.0.0.1:6379/0 \
	WIJKVOUCHER_DEMO=0 WIJKVOUCHER_SITE_URL=https://wijkvoucher.example.nl \
	WIJKVOUCHER_SECURITY_CONTACT=mailto:security@example.nl \
	$(PY) manage.py check --deploy --fail-level WARNING

MESSAGES_ARGS := --no-obsolete --no-location --ignore '.venv/*' --ignore 'var/*' --ignore 'node_modules/*' --ignore 'tests/*' --ignore '*/tests/*'

messages: install
	$(DEMO_ENV) $(PY) manage.py makemessages -l nl $(MESSAGES_ARGS)
	$(DEMO_ENV) $(PY) manage.py compilemessages -l nl --ignore '.venv/*' --ignore 'node_modules/*'

clean:
	rm -rf $(VENV) var

# Two gunicorn app servers on one PostgreSQL and one Redis (tests/servers, README.md):
# spends, sign-ins and rate limits spread over both. Needs PostgreSQL on 127.0.0.1:5432
# and Redis on 127.0.0.1:6379 (.ci/run starts both); drops and re-creates the database
# of WIJKVOUCHER_SERVERS_DATABASE_URL (default wv_servers) and empties the Redis
# database of WIJKVOUCHER_SERVERS_REDIS_URL (default redis://127.0.0.1:6379/13).
.PHONY: test-servers
test-servers: install
	mkdir -p var
	$(PY) -m pytest -q -m servers tests/servers -p no:cacheprovider

# The floor and the product side by side on PostgreSQL: throughput, latency, each
# scenario's share of its floor, the targets of issue #11 and the money checks
# (bench/README.md). DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/wv_bench;
# that database is dropped and created again. BENCH_ARGS="--help" lists the options.
.PHONY: bench bench-api
bench: install
	mkdir -p var
	$(PY) bench/run.py $(BENCH_ARGS)

# Only the redemptions and their write floors (what `make bench-api` measured before).
bench-api: install
	mkdir -p var
	$(PY) bench/run.py --scenarios floor-write-spread,floor-write-hot,spend-many,spend-hot $(BENCH_ARGS)

# Dump, restore into a fresh database, ledger_verify, audit_verify, equal row counts
# (docs/deployment.md#the-restore-drill). RESTORE_DRILL_URL names the PostgreSQL server,
# default postgres://postgres@127.0.0.1:5432; both databases are dropped at the end.
.PHONY: restore-drill
restore-drill: install
	PYTHON=$(PY) scripts/restore-drill.sh

# Exactly-once under crashes (bench/README.md, "make crash-drill"): its own PostgreSQL cluster in
# a temporary directory, a redemption load through the provider API, gunicorn killed with
# SIGKILL or PostgreSQL stopped immediately in the middle of each cycle, every
# unanswered request retried with its key; exit 1 on any violation. CRASH_ARGS passes
# options, e.g. CRASH_ARGS="--cycles 4 --cycle-seconds 6". Not part of `make test`.
.PHONY: crash-drill
crash-drill: install
	mkdir -p var
	$(PY) bench/crash_drill.py $(CRASH_ARGS)

# The vote tally against pabutools on the real Pabulib elections (bench/README.md,
# "make bench-tally"): time per file and rule, the ratio, the same outcomes, and the
# Łódź 2022 targets. TALLY_ARGS passes options, e.g. TALLY_ARGS="--files Lodz_2022" or
# TALLY_ARGS="--skip-pabutools". The Pabulib folder: WIJKVOUCHER_PABULIB_DIR, else
# shared/data/pabulib beside the repository. Not part of `make test`.
.PHONY: bench-tally
bench-tally: install
	$(PY) bench/tally.py $(TALLY_ARGS)
