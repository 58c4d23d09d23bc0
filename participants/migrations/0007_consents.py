"""Consents per purpose, with their withdrawal.

The image consent on the participant (a flag, a date and a scope) becomes a Consent row. The
"consent to data processing" was never a consent — the club processes the data under the law —
so it is not moved: its date is kept as the day the person received the data-protection information
(GDPR art. 13), which is what signing that paper at intake was; its flag and scope go.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from kis.roles import grant_permissions

GRANTS = {
    "social_worker": ["participants.view_consent", "participants.add_consent", "participants.change_consent"],
    "coordinator": ["participants.view_consent", "participants.add_consent", "participants.change_consent"],
    "manager": ["participants.view_consent"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, GRANTS)


def image_consent_rows(rows) -> list[dict]:
    """The Consent fields for each participant with the old image consent, from the tuples
    (pk, scope, date, registered_on, created_by_id).

    A flag without a date (the old form refused it, older data may have it) takes the day the
    person was registered: the consent cannot be younger than the record."""
    return [
        {
            "participant_id": pk,
            "purpose": "image",
            "scope": scope,
            "given_on": given_on or registered_on,
            "recorded_by_id": created_by_id,
        }
        for pk, scope, given_on, registered_on, created_by_id in rows
    ]


def forward(apps, schema_editor):
    Participant = apps.get_model("participants", "Participant")
    Consent = apps.get_model("participants", "Consent")
    rows = Participant.objects.filter(consent_image=True).values_list(
        "pk", "consent_image_scope", "consent_image_date", "registered_on", "created_by_id"
    )
    Consent.objects.bulk_create([Consent(**fields) for fields in image_consent_rows(rows)], batch_size=500)
    # A date without the flag was a date of nothing.
    Participant.objects.filter(consent_data_processing=False).update(consent_data_processing_date=None)
    if schema_editor.connection.vendor == "postgresql":
        # The new rows' deferred foreign-key checks must run before the participant table is
        # altered below, in the same transaction ("pending trigger events").
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def backward(apps, schema_editor):
    Participant = apps.get_model("participants", "Participant")
    Consent = apps.get_model("participants", "Consent")
    Participant.objects.filter(consent_data_processing_date__isnull=False).update(consent_data_processing=True)
    # The earliest image consent in force goes back on the record; the others cannot.
    for consent in Consent.objects.filter(purpose="image", withdrawn_on__isnull=True).order_by("-given_on"):
        Participant.objects.filter(pk=consent.participant_id).update(
            consent_image=True, consent_image_date=consent.given_on, consent_image_scope=consent.scope
        )


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0006_stand_ins"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Consent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "purpose",
                    models.CharField(
                        choices=[
                            ("image", "publishing the person's image (photos and recordings from activities)"),
                            ("contact", "contact by text message or e-mail about activities"),
                            ("partner", "sharing data with a named partner beyond the statutory duty"),
                            ("other", "other purpose (described in the scope)"),
                        ],
                        max_length=20,
                        verbose_name="purpose",
                    ),
                ),
                (
                    "scope",
                    models.CharField(
                        blank=True,
                        help_text="What exactly the person agreed to; for sharing with a partner, the partner's name.",
                        max_length=300,
                        verbose_name="scope",
                    ),
                ),
                ("given_on", models.DateField(verbose_name="given on")),
                ("recorded_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded at")),
                ("withdrawn_on", models.DateField(blank=True, null=True, verbose_name="withdrawn on")),
                (
                    "withdrawal_note",
                    models.CharField(
                        blank=True,
                        help_text="How the person withdrew it (in writing, by phone, in person), if worth noting.",
                        max_length=300,
                        verbose_name="withdrawal note",
                    ),
                ),
                (
                    "participant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="consents",
                        to="participants.participant",
                        verbose_name="participant",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
                    ),
                ),
                (
                    "withdrawal_recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="withdrawal recorded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "consent",
                "verbose_name_plural": "consents",
                "ordering": ["-given_on", "-id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("withdrawn_on__isnull", True), ("withdrawn_on__gte", models.F("given_on")), _connector="OR"
                        ),
                        name="consent_withdrawn_after_given",
                    )
                ],
            },
        ),
        migrations.RunPython(forward, backward),
        migrations.RenameField(
            model_name="participant", old_name="consent_data_processing_date", new_name="information_given_on"
        ),
        migrations.AlterField(
            model_name="participant",
            name="information_given_on",
            field=models.DateField(
                blank=True,
                help_text="The day the person received the information clause (GDPR art. 13).",
                null=True,
                verbose_name="data-protection information given on",
            ),
        ),
        migrations.RemoveField(model_name="participant", name="consent_data_processing"),
        migrations.RemoveField(model_name="participant", name="consent_data_processing_scope"),
        migrations.RemoveField(model_name="participant", name="consent_image"),
        migrations.RemoveField(model_name="participant", name="consent_image_date"),
        migrations.RemoveField(model_name="participant", name="consent_image_scope"),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
