"""The hash of a signed contract's masked text, kept verifiable after anonymisation."""

from django.db import migrations, models


def masked_sha256():
    return models.CharField(
        blank=True,
        editable=False,
        help_text="Set when the person's data was anonymised: the signed text is then kept masked.",
        max_length=64,
        verbose_name="SHA-256 of the anonymised signed text",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0004_scan_versions"),
    ]

    operations = [
        migrations.AddField(model_name="socialcontract", name="masked_sha256", field=masked_sha256()),
        migrations.AddField(model_name="contractamendment", name="masked_sha256", field=masked_sha256()),
    ]
