from django.db import migrations

from wijkvoucher.core.db import AppendOnly

# PostgreSQL: the entries of a transaction must sum to zero, checked at commit
# (Hordak's deferred constraint trigger pattern). SQLite has no deferred triggers; there
# the posting service and `manage.py ledger_verify` hold the rule.
BALANCED_SQL = """
CREATE OR REPLACE FUNCTION wv_ledger_check_balanced() RETURNS trigger AS $$
DECLARE
    total bigint;
    legs integer;
BEGIN
    SELECT COALESCE(SUM(amount_cents), 0), COUNT(*) INTO total, legs
        FROM ledger_entry WHERE transaction_id = NEW.transaction_id;
    IF total <> 0 OR legs < 2 THEN
        RAISE EXCEPTION 'wijkvoucher: ledger transaction % is unbalanced (sum %, % entries)',
            NEW.transaction_id, total, legs
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE CONSTRAINT TRIGGER wv_ledger_entry_balanced
    AFTER INSERT ON ledger_entry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION wv_ledger_check_balanced();
"""
BALANCED_REVERSE_SQL = """
DROP TRIGGER IF EXISTS wv_ledger_entry_balanced ON ledger_entry;
DROP FUNCTION IF EXISTS wv_ledger_check_balanced();
"""


def balanced_forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BALANCED_SQL, params=None)


def balanced_backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BALANCED_REVERSE_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [
        AppendOnly("Account", mutable_columns=["balance_cents", "updated_at"]),
        AppendOnly("LedgerTransaction"),
        AppendOnly("Entry"),
        migrations.RunPython(balanced_forwards, balanced_backwards),
    ]
