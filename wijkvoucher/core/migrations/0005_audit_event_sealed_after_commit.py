"""Audit events are inserted unsealed and sealed into the hash chain after commit
(docs/adr/0010-audit-events-sealed-after-commit.md): sequence, previous_hash and hash
may be NULL, and may be filled in once; every other column stays append-only. On SQLite
the column changes rebuild the table, which drops its triggers: they are installed again
last."""

from django.conf import settings
from django.db import migrations, models

from wijkvoucher.core.db import AppendOnly


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0004_statushistory'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='auditevent',
            options={'ordering': ['id'], 'verbose_name': 'audit event', 'verbose_name_plural': 'audit events'},
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='hash',
            field=models.CharField(blank=True, max_length=64, null=True, unique=True, verbose_name='hash'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='previous_hash',
            field=models.CharField(blank=True, max_length=64, null=True, verbose_name='previous hash'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='sequence',
            field=models.PositiveBigIntegerField(blank=True, null=True, unique=True, verbose_name='sequence'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(condition=models.Q(('hash__isnull', True)), fields=['id'], name='audit_event_unsealed'),
        ),
        AppendOnly(
            "AuditEvent", once_columns=["sequence", "previous_hash", "hash"]
        ),
    ]
