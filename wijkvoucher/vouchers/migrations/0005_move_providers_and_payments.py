"""Issue #10: the providers and payments apps take over their models from this one.

Only the model state moves (SeparateDatabaseAndState): the tables keep their names.
The content types are renamed in place (``app_label``), not recreated, so that their
primary keys stay the same: the audit trail's hash covers ``subject_type_id``, and the
auth permissions point at the same content types."""

import django.db.models.deletion
from django.db import migrations, models

MOVED = {
    "providers": ("provider", "providermembership", "providerapitoken"),
    "payments": ("dispute", "claim", "claimreceipt", "payoutbatch", "payoutline"),
}


def _relabel(apps, schema_editor, *, backwards: bool) -> None:  # type: ignore[no-untyped-def]
    content_type = apps.get_model("contenttypes", "ContentType")
    rows = content_type.objects.using(schema_editor.connection.alias)
    for app_label, models_ in MOVED.items():
        old, new = ("vouchers", app_label) if not backwards else (app_label, "vouchers")
        for model in models_:
            if rows.filter(app_label=new, model=model).exists():
                # A content type under the new label exists already (made by a
                # post_migrate before this ran); keep the one the audit trail uses.
                if rows.filter(app_label=old, model=model).exists():
                    rows.filter(app_label=new, model=model).delete()
                else:
                    continue
            rows.filter(app_label=old, model=model).update(app_label=new)


def relabel(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    _relabel(apps, schema_editor, backwards=False)


def unlabel(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    _relabel(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("vouchers", "0004_provider_review_status"),
        ("providers", "0001_initial"),
        ("payments", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='redemption',
                    name='provider',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='redemptions', to='providers.provider', verbose_name='provider'),
                ),
                migrations.AlterField(
                    model_name='idempotencykey',
                    name='provider',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='providers.provider', verbose_name='provider'),
                ),
                migrations.DeleteModel(name='PayoutLine'),
                migrations.DeleteModel(name='ClaimReceipt'),
                migrations.DeleteModel(name='Claim'),
                migrations.DeleteModel(name='Dispute'),
                migrations.DeleteModel(name='PayoutBatch'),
                migrations.DeleteModel(name='ProviderApiToken'),
                migrations.DeleteModel(name='ProviderMembership'),
                migrations.DeleteModel(name='Provider'),
            ],
        ),
        migrations.RunPython(relabel, unlabel),
    ]
