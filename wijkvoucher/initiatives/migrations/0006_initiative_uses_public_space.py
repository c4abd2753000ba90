from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0005_contacthandover_append_only"),
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
