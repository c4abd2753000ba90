from django.db import migrations

from wijkvoucher.core.db import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [AppendOnly("AuditEvent")]
