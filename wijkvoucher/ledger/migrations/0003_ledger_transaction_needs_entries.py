from django.db import migrations

# PostgreSQL: the trigger of 0002 fires per inserted entry, so a transaction row
# without any entry would slip through. This deferred trigger checks every new
# transaction at commit: at least two entries, summing to zero. SQLite has no deferred
# triggers; there the posting service and `manage.py ledger_verify` hold the rule.
FORWARD_SQL = """
CREATE OR REPLACE FUNCTION wv_ledger_check_transaction() RETURNS trigger AS $$
DECLARE
    total bigint;
    legs integer;
BEGIN
    SELECT COALESCE(SUM(amount_cents), 0), COUNT(*) INTO total, legs
        FROM ledger_entry WHERE transaction_id = NEW.id;
    IF total <> 0 OR legs < 2 THEN
        RAISE EXCEPTION 'wijkvoucher: ledger transaction % is unbalanced (sum %, % entries)',
            NEW.id, total, legs
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE CONSTRAINT TRIGGER wv_ledger_transaction_balanced
    AFTER INSERT ON ledger_ledgertransaction
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION wv_ledger_check_transaction();
"""
REVERSE_SQL = """
DROP TRIGGER IF EXISTS wv_ledger_transaction_balanced ON ledger_ledgertransaction;
DROP FUNCTION IF EXISTS wv_ledger_check_transaction();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD_SQL, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0002_ledger_append_only")]

    operations = [migrations.RunPython(forwards, backwards)]
