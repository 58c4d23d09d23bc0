"""Submitted create forms, so that a double submit creates one record."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("kis", "0004_admin_role"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SubmittedForm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=64, verbose_name="token")),
                ("object_type", models.CharField(max_length=100, verbose_name="object type")),
                ("object_id", models.CharField(max_length=64, verbose_name="object ID")),
                ("url", models.CharField(max_length=500, verbose_name="address")),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="sent at")),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "submitted form",
                "verbose_name_plural": "submitted forms",
                "constraints": [models.UniqueConstraint(fields=("user", "token"), name="submitted_form_once")],
            },
        ),
    ]
