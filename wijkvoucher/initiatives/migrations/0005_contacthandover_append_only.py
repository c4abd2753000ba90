from django.db import migrations

from wijkvoucher.core.db import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0004_participation")]

    operations = [
        AppendOnly("ContactHandover"),
    ]
