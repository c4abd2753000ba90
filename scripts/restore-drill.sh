#!/usr/bin/env bash
# Restore drill (docs/deployment.md#the-restore-drill): prove that a backup made with
# `pg_dump -Fc` restores into a database that holds the same rows and passes the
# money and audit checks.
#
#   scripts/restore-drill.sh            # or: make restore-drill
#
# On the PostgreSQL server named by RESTORE_DRILL_URL (default
# postgres://postgres@127.0.0.1:5432, no database name; the role must be allowed to
# create databases) it
#   1. creates a source database wv_drill_src_<n>, migrates it and loads the demo
#      (WIJKVOUCHER_DEMO=1, immediate task backend: the same as `make demo`);
#   2. dumps it with `pg_dump -Fc` and restores the dump with `pg_restore` into a
#      fresh database wv_drill_dst_<n>;
#   3. runs `manage.py ledger_verify` and `manage.py audit_verify` on the restored
#      database;
#   4. counts the rows of every table in both databases and compares them;
#   5. drops both databases, also when a step fails.
# Exits 0 only when every step passed; any difference in the row counts, any
# verification problem or any failed command exits non-zero.
#
# In production, run the same steps 2–4 on a copy of last night's dump against a
# scratch server (never against the live database): see docs/deployment.md.
# PYTHON (default .venv/bin/python) is the interpreter that runs manage.py.
set -euo pipefail

cd "$(dirname "$0")/.."

SERVER_URL="${RESTORE_DRILL_URL:-postgres://postgres@127.0.0.1:5432}"
SERVER_URL="${SERVER_URL%/}"
PY="${PYTHON:-.venv/bin/python}"
RUN_ID="$(date +%s)_$$"
SRC="wv_drill_src_${RUN_ID}"
DST="wv_drill_dst_${RUN_ID}"
WORK="$(mktemp -d)"
DUMP="${WORK}/drill.dump"

# The demo's settings: demo data needs demo mode; tasks run at once, no worker.
export WIJKVOUCHER_DEMO=1
export WIJKVOUCHER_TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend

say() { printf 'restore-drill: %s\n' "$*"; }

cleanup() {
    for db in "$SRC" "$DST"; do
        psql -q -X -d "${SERVER_URL}/postgres" -v ON_ERROR_STOP=1 \
            -c "DROP DATABASE IF EXISTS \"${db}\" WITH (FORCE)" >/dev/null 2>&1 ||
            say "could not drop ${db}; drop it by hand"
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

create_db() {
    psql -q -X -d "${SERVER_URL}/postgres" -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$1\""
}

manage() {
    local db="$1"
    shift
    DATABASE_URL="${SERVER_URL}/${db}" "$PY" manage.py "$@"
}

# One line per table of the public schema: "<table> <rows>", sorted by name.
row_counts() {
    psql -X -A -t -F ' ' -d "${SERVER_URL}/$1" -v ON_ERROR_STOP=1 -c "
        SELECT c.relname,
               (xpath('/row/n/text()',
                      query_to_xml(format('SELECT count(*) AS n FROM public.%I', c.relname),
                                   false, true, '')))[1]::text::bigint
          FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
         WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p')
         ORDER BY c.relname"
}

for tool in psql pg_dump pg_restore; do
    command -v "$tool" >/dev/null || { say "needs ${tool} (postgresql-client)"; exit 2; }
done

started=$(date +%s)
say "server ${SERVER_URL}; source ${SRC}, restored ${DST}"

say "1/5 create ${SRC}, migrate, load the demo"
create_db "$SRC"
manage "$SRC" migrate --noinput >"${WORK}/migrate.log" ||
    { cat "${WORK}/migrate.log"; exit 1; }
manage "$SRC" demo_load

say "2/5 pg_dump -Fc, pg_restore into ${DST}"
pg_dump -Fc -d "${SERVER_URL}/${SRC}" -f "$DUMP"
say "dump: $(wc -c <"$DUMP") bytes"
create_db "$DST"
pg_restore --exit-on-error -d "${SERVER_URL}/${DST}" "$DUMP"

say "3/5 ledger_verify and audit_verify on ${DST}"
manage "$DST" ledger_verify
manage "$DST" audit_verify

say "4/5 compare the row counts of every table"
row_counts "$SRC" >"${WORK}/src.txt"
row_counts "$DST" >"${WORK}/dst.txt"
tables=$(wc -l <"${WORK}/src.txt")
rows=$(awk '{ n += $2 } END { print n + 0 }' "${WORK}/src.txt")
count_of() { awk -v t="$1" '$1 == t { print $2 }' "${WORK}/src.txt"; }
say "source: ${tables} tables, ${rows} rows" \
    "(ledger entries $(count_of ledger_entry), ledger transactions $(count_of ledger_ledgertransaction)," \
    "audit events $(count_of core_auditevent))"
if ! diff -u --label "${SRC}" --label "${DST}" "${WORK}/src.txt" "${WORK}/dst.txt"; then
    say "FAILED: the restored database differs in the row counts above"
    exit 1
fi
if [ "$(count_of ledger_entry)" = "0" ] || [ "$(count_of core_auditevent)" = "0" ]; then
    say "FAILED: the source has no ledger entries or no audit events; the drill proves nothing"
    exit 1
fi
say "restored: ${tables} tables, ${rows} rows, every count equal"

say "5/5 drop both databases"
say "PASSED in $(($(date +%s) - started)) s"
