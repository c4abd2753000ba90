from django.db import migrations

from wijkvoucher.core.db import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]

    operations = [
        # A beschikking is never changed or removed once issued; a correction is a
        # new decision.
        AppendOnly("Decision"),
    ]
