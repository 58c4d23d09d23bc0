"""Optimistic locking of activities and attendance: each attendance mark gets a version (activities
themselves have had one since the first migration)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0003_referrals"),
    ]

    operations = [
        migrations.AddField(
            model_name="attendance",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
    ]
