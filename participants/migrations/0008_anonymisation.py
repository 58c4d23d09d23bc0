"""When a person's data was anonymised."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0007_consents"),
    ]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="anonymised_on",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="anonymised on"),
        ),
    ]
