"""Who may vote in a wijkraadpleging (issue #12): the minimum age and whether each
address has one vote. Existing versions get the defaults (12, per person). On SQLite
adding a column rebuilds the table, which drops its triggers: ``AppendOnly`` puts
them back over the new columns."""

from django.db import migrations, models

from wijkvoucher.core.db import AppendOnly


class Migration(migrations.Migration):
    dependencies = [
        ("neighbourhoods", "0006_regulationversion_cost_words"),
    ]

    operations = [
        migrations.AddField(
            model_name="regulationversion",
            name="consultation_min_age",
            field=models.PositiveSmallIntegerField(
                default=12, verbose_name="wijkraadpleging: minimum age to vote"
            ),
        ),
        migrations.AddField(
            model_name="regulationversion",
            name="consultation_per_household",
            field=models.BooleanField(
                default=False, verbose_name="wijkraadpleging: one vote per address"
            ),
        ),
        AppendOnly("RegulationVersion"),
    ]
