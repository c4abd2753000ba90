"""Idempotency keys are claimed and answered in one transaction (docs/adr/0010): the
``in_progress`` state and its lock time go. A row still ``in_progress`` belongs to a
request whose work never committed (the old design committed work and answer together),
so it is deleted: a retry with its key then does the work, as the old takeover did."""

from django.db import migrations


def drop_unfinished(apps, schema_editor):
    key_model = apps.get_model("vouchers", "IdempotencyKey")
    key_model.objects.using(schema_editor.connection.alias).filter(
        state="in_progress"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("vouchers", "0005_move_providers_and_payments")]

    operations = [
        migrations.RunPython(drop_unfinished, migrations.RunPython.noop),
        migrations.RemoveField(model_name="idempotencykey", name="locked_at"),
        migrations.RemoveField(model_name="idempotencykey", name="state"),
    ]
