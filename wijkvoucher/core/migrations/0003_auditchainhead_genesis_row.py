"""Create the single AuditChainHead row, so that ``audit_record`` only ever has to lock
it: no get-or-create race on the very first audit event. Data only; no app code."""

from django.db import migrations

GENESIS_HASH = "0" * 64


def create_head(apps, schema_editor):
    head_model = apps.get_model("core", "AuditChainHead")
    db_alias = schema_editor.connection.alias
    head_model.objects.using(db_alias).get_or_create(
        pk=1, defaults={"sequence": 0, "hash": GENESIS_HASH}
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_auditevent_append_only")]

    operations = [migrations.RunPython(create_head, migrations.RunPython.noop)]
