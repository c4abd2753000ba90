from django.db import migrations

from wijkvoucher.core.db import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]

    operations = [
        AppendOnly("StatusChange"),
    ]
