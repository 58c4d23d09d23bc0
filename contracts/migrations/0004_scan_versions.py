"""Every scan of a paper contract is kept as a version; a scan stored before becomes version 1."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import contracts.models.scan
import kis.storage


def existing_scans_become_version_one(apps, schema_editor):
    SocialContract = apps.get_model("contracts", "SocialContract")
    ContractScan = apps.get_model("contracts", "ContractScan")
    ContractScan.objects.bulk_create(
        ContractScan(
            contract_id=contract.pk,
            number=1,
            file=contract.scan.name,
            sha256=contract.scan_sha256,
            uploaded_at=contract.scan_uploaded_at or contract.updated_at,
        )
        for contract in SocialContract.objects.exclude(scan="").only(
            "pk", "scan", "scan_sha256", "scan_uploaded_at", "updated_at"
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0003_ways_of_signing_and_change_of_worker"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ContractScan",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveIntegerField(verbose_name="version")),
                (
                    "file",
                    models.FileField(
                        storage=kis.storage.private_storage,
                        upload_to=contracts.models.scan.scan_version_upload_to,
                        verbose_name="file",
                    ),
                ),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256 of the scan")),
                (
                    "original_name",
                    models.CharField(blank=True, max_length=255, verbose_name="name of the file uploaded"),
                ),
                ("uploaded_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="uploaded")),
                (
                    "contract",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="scans",
                        to="contracts.socialcontract",
                        verbose_name="social contract",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="uploaded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "scan of a contract",
                "verbose_name_plural": "scans of contracts",
                "ordering": ["contract", "-number"],
                "constraints": [
                    models.UniqueConstraint(fields=("contract", "number"), name="contract_scan_number_unique")
                ],
            },
        ),
        migrations.RunPython(existing_scans_become_version_one, migrations.RunPython.noop),
    ]
