"""Referrals to specialists, the specialists' weekly slots and appointments; the catalogue's
specialists' services named by the kind of individual support they are recorded as; the roles'
permissions on the new models."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from kis.roles import grant_permissions

REFERRALS = ["activities.view_referral", "activities.add_referral", "activities.change_referral"]
APPOINTMENTS = ["activities.view_appointment", "activities.add_appointment", "activities.change_appointment"]
SLOTS = ["activities.add_specialistslot", "activities.change_specialistslot"]
GRANTS = {
    # Social workers refer people of their caseload and book their appointments; coordinators also
    # keep the specialists' weekly hours; managers read.
    "social_worker": REFERRALS + APPOINTMENTS + ["activities.view_specialistslot"],
    "coordinator": REFERRALS + APPOINTMENTS + ["activities.view_specialistslot"] + SLOTS,
    "manager": ["activities.view_referral", "activities.view_appointment", "activities.view_specialistslot"],
}
# The catalogue's specialists' services (loaded by 0002) and the kind their meetings are recorded as.
SPECIALISTS = {
    "Poradnictwo psychologiczne indywidualne": "psychologist",
    "Poradnictwo prawne": "lawyer",
    "Poradnictwo socjalne": "social_worker",
    "Asystent rodziny": "family_assistant",
    "Doradztwo zawodowe": "career_adviser",
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)
    ServiceType = apps.get_model("activities", "ServiceType")
    for name, kind in SPECIALISTS.items():
        if not ServiceType.objects.filter(support_kind=kind).exists():
            ServiceType.objects.filter(name=name, support_kind="").update(support_kind=kind)


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0002_roles_and_catalogue"),
        ("kis", "0002_roles"),
        ("participants", "0005_origin_questions_and_labour_detail"),
        ("projects", "0005_funding_emblems_and_declarations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Appointment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField(db_index=True, verbose_name="date")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("booked", "booked"),
                            ("attended", "attended"),
                            ("missed", "did not come"),
                            ("cancelled", "cancelled"),
                        ],
                        default="booked",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("booked_on", models.DateField(verbose_name="booked on")),
            ],
            options={
                "verbose_name": "appointment",
                "verbose_name_plural": "appointments",
                "ordering": ["date", "slot__start_time", "id"],
            },
        ),
        migrations.CreateModel(
            name="Referral",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("specialist", models.CharField(blank=True, max_length=150, verbose_name="specialist")),
                ("issued_on", models.DateField(verbose_name="issued on")),
                (
                    "reason",
                    models.TextField(
                        blank=True,
                        help_text="Confidential: seen only by the assigned social worker and coordinators.",
                        verbose_name="reason",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("issued", "issued"),
                            ("accepted", "accepted"),
                            ("in_progress", "in progress"),
                            ("closed", "closed"),
                            ("declined", "declined"),
                        ],
                        default="issued",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("accepted_on", models.DateField(blank=True, null=True, verbose_name="accepted on")),
                ("started_on", models.DateField(blank=True, null=True, verbose_name="first meeting on")),
                ("ended_on", models.DateField(blank=True, null=True, verbose_name="closed or declined on")),
                ("outcome", models.TextField(blank=True, verbose_name="outcome")),
                ("decline_reason", models.TextField(blank=True, verbose_name="reason for declining")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "verbose_name": "referral",
                "verbose_name_plural": "referrals",
                "ordering": ["-issued_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="SpecialistSlot",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("specialist", models.CharField(max_length=150, verbose_name="specialist")),
                (
                    "weekday",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (0, "Monday"),
                            (1, "Tuesday"),
                            (2, "Wednesday"),
                            (3, "Thursday"),
                            (4, "Friday"),
                            (5, "Saturday"),
                            (6, "Sunday"),
                        ],
                        verbose_name="weekday",
                    ),
                ),
                ("start_time", models.TimeField(verbose_name="from")),
                ("end_time", models.TimeField(verbose_name="until")),
                (
                    "capacity",
                    models.PositiveSmallIntegerField(
                        default=1,
                        help_text="How many people the specialist sees in these hours.",
                        verbose_name="appointments per day",
                    ),
                ),
                ("is_active", models.BooleanField(default=True, verbose_name="in use")),
            ],
            options={
                "verbose_name": "specialist's weekly slot",
                "verbose_name_plural": "specialists' weekly slots",
                "ordering": ["service__name", "weekday", "start_time", "specialist"],
            },
        ),
        migrations.AddField(
            model_name="servicetype",
            name="by_referral_only",
            field=models.BooleanField(
                default=False,
                help_text="Its meetings are recorded only for people with an open referral to it.",
                verbose_name="by referral only",
            ),
        ),
        migrations.AddField(
            model_name="servicetype",
            name="support_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("psychologist", "psychologist"),
                    ("lawyer", "lawyer"),
                    ("career_adviser", "career adviser"),
                    ("family_assistant", "family assistant"),
                    ("addiction_counsellor", "addiction counsellor"),
                    ("social_worker", "social counselling"),
                    ("other", "other specialist"),
                ],
                help_text="For one-to-one help of a specialist (a psychologist, a lawyer…): the kind of individual support its meetings are recorded as. People are referred only to such services.",
                max_length=20,
                verbose_name="a specialist's service, recorded as",
            ),
        ),
        migrations.AlterField(
            model_name="individualsupport",
            name="kind",
            field=models.CharField(
                choices=[
                    ("psychologist", "psychologist"),
                    ("lawyer", "lawyer"),
                    ("career_adviser", "career adviser"),
                    ("family_assistant", "family assistant"),
                    ("addiction_counsellor", "addiction counsellor"),
                    ("social_worker", "social counselling"),
                    ("other", "other specialist"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddConstraint(
            model_name="servicetype",
            constraint=models.UniqueConstraint(
                condition=models.Q(("support_kind", ""), _negated=True),
                fields=("support_kind",),
                name="servicetype_one_per_support_kind",
                violation_error_message="Another service of the catalogue is already recorded as this kind.",
            ),
        ),
        migrations.AddConstraint(
            model_name="servicetype",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("by_referral_only", False), models.Q(("support_kind", ""), _negated=True), _connector="OR"
                ),
                name="servicetype_referral_only_for_specialists",
                violation_error_message="Only a specialist's service (recorded as a kind of individual support) can be by referral only.",
            ),
        ),
        migrations.AddField(
            model_name="appointment",
            name="booked_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="referral",
            name="issued_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="issued by",
            ),
        ),
        migrations.AddField(
            model_name="referral",
            name="participant",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="referrals",
                to="participants.participant",
                verbose_name="participant",
            ),
        ),
        migrations.AddField(
            model_name="referral",
            name="partner",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="referrals",
                to="projects.partner",
                verbose_name="partner organisation",
            ),
        ),
        migrations.AddField(
            model_name="referral",
            name="project",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="projects.project",
                verbose_name="project",
            ),
        ),
        migrations.AddField(
            model_name="referral",
            name="service",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="referrals",
                to="activities.servicetype",
                verbose_name="service",
            ),
        ),
        migrations.AddField(
            model_name="appointment",
            name="referral",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="appointments",
                to="activities.referral",
                verbose_name="referral",
            ),
        ),
        migrations.AddField(
            model_name="individualsupport",
            name="referral",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="support_records",
                to="activities.referral",
                verbose_name="referral",
            ),
        ),
        migrations.AddField(
            model_name="specialistslot",
            name="location",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="specialist_slots",
                to="kis.location",
                verbose_name="location",
            ),
        ),
        migrations.AddField(
            model_name="specialistslot",
            name="partner",
            field=models.ForeignKey(
                blank=True,
                help_text="Leave empty when the specialist is on the club's own staff.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="specialist_slots",
                to="projects.partner",
                verbose_name="partner organisation",
            ),
        ),
        migrations.AddField(
            model_name="specialistslot",
            name="service",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="slots",
                to="activities.servicetype",
                verbose_name="service",
            ),
        ),
        migrations.AddField(
            model_name="appointment",
            name="slot",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="appointments",
                to="activities.specialistslot",
                verbose_name="slot",
            ),
        ),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(fields=["status", "issued_on"], name="activities__status_f5416b_idx"),
        ),
        migrations.AddConstraint(
            model_name="referral",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("specialist", ""), _negated=True), ("partner__isnull", False), _connector="OR"
                ),
                name="referral_to_someone",
            ),
        ),
        migrations.AddConstraint(
            model_name="referral",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("accepted_on__isnull", True), ("accepted_on__gte", models.F("issued_on")), _connector="OR"
                ),
                name="referral_accepted_after_issue",
            ),
        ),
        migrations.AddConstraint(
            model_name="referral",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("started_on__isnull", True), ("started_on__gte", models.F("issued_on")), _connector="OR"
                ),
                name="referral_started_after_issue",
            ),
        ),
        migrations.AddConstraint(
            model_name="referral",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ended_on__isnull", True), ("ended_on__gte", models.F("issued_on")), _connector="OR"
                ),
                name="referral_ended_after_issue",
            ),
        ),
        migrations.AddConstraint(
            model_name="specialistslot",
            constraint=models.CheckConstraint(
                condition=models.Q(("end_time__gt", models.F("start_time"))), name="slot_time_order"
            ),
        ),
        migrations.AddConstraint(
            model_name="specialistslot",
            constraint=models.CheckConstraint(condition=models.Q(("capacity__gte", 1)), name="slot_capacity_positive"),
        ),
        migrations.AddIndex(
            model_name="appointment",
            index=models.Index(fields=["slot", "date"], name="activities__slot_id_5ce75a_idx"),
        ),
        migrations.AddConstraint(
            model_name="appointment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "cancelled"), _negated=True),
                fields=("referral", "slot", "date"),
                name="appointment_once_per_slot_day",
            ),
        ),
        migrations.AddConstraint(
            model_name="appointment",
            constraint=models.CheckConstraint(
                condition=models.Q(("date__gte", models.F("booked_on"))), name="appointment_not_before_booking"
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
