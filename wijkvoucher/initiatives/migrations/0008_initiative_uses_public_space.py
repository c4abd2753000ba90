from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0007_decision_term_extension_notice_of_default"),
    ]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="uses_public_space",
            field=models.BooleanField(
                blank=True, null=True, verbose_name="uses public space"
            ),
        ),
    ]
