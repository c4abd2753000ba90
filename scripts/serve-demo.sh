#!/usr/bin/env sh
# Serve the demo the way production serves wijkvoucher: gunicorn, static files through
# WhiteNoise, SQLite in WAL mode (config/settings.py). `make demo` runs this, and
# tests/browser/test_demo_server.py starts the demo through it, so both serve with the
# same command line.
#
#   scripts/serve-demo.sh 127.0.0.1:8000
#
# The environment carries the demo's settings (the Makefile's DEMO_ENV); PYTHON names
# the interpreter (default: the project's .venv).
#
# One process with 8 threads (gthread): SQLite takes one writer at a time whatever the
# number of processes, so more processes add no write throughput, while threads let
# reads and the waits on the database overlap. And the demo's cache (rate limits) is
# process-local memory (no Redis on a bare machine): in one process a limit holds for
# every request; with two, each process would count separately.
set -eu
cd "$(dirname "$0")/.."
bind="${1:?usage: scripts/serve-demo.sh HOST:PORT}"
python="${PYTHON:-.venv/bin/python}"
# WhiteNoise serves from STATIC_ROOT (var/static), as in production; copying takes
# under a second and only copies what changed.
"$python" manage.py collectstatic --noinput --verbosity 0
exec "$python" -m gunicorn config.wsgi:application \
	--bind "$bind" \
	--worker-class gthread \
	--workers "${DEMO_WORKERS:-1}" \
	--threads "${DEMO_THREADS:-8}" \
	--timeout 60 \
	--graceful-timeout 10 \
	--log-level "${DEMO_LOG_LEVEL:-warning}"
