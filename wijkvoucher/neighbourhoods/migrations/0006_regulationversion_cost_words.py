"""Word lists per kind of cost in the regeling (issue #9).

Versions that already exist keep what they were: they get empty word lists, so the
rule check of a plan judged by an older version does not change. A new version starts
from the default lists. On SQLite adding a column rebuilds the table, which drops its
triggers: ``AppendOnly`` puts them back over the new columns."""

from django.db import migrations, models

import wijkvoucher.neighbourhoods.models
from wijkvoucher.core.db import AppendOnly


class Migration(migrations.Migration):
    dependencies = [
        ("neighbourhoods", "0005_municipality_letterhead_and_signatories"),
    ]

    operations = [
        migrations.AddField(
            model_name="regulationversion",
            name="cost_words",
            field=models.JSONField(
                default=dict,
                help_text=(
                    "Per kind of cost, the words that show a cost is of that kind, "
                    "whatever kind the resident chose."
                ),
                verbose_name="words that show what a cost is",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="regulationversion",
            name="cost_words",
            field=models.JSONField(
                default=wijkvoucher.neighbourhoods.models._default_cost_words,
                help_text=(
                    "Per kind of cost, the words that show a cost is of that kind, "
                    "whatever kind the resident chose."
                ),
                verbose_name="words that show what a cost is",
            ),
        ),
        AppendOnly("RegulationVersion"),
    ]
