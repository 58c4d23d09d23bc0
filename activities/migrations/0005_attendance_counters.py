from django.db import migrations, models


def count_the_marks_recorded(apps, schema_editor):
    from activities.counters import recount_all

    recount_all(apps)


class Migration(migrations.Migration):
    dependencies = [("activities", "0004_versions")]

    operations = [
        migrations.AddField(
            model_name="session",
            name="present_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="session",
            name="marked_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="enrollment",
            name="absence_streak",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="enrollment",
            name="last_marked_on",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="enrollment",
            index=models.Index(
                condition=models.Q(("absence_streak__gt", 0), ("status", "enrolled")),
                fields=["absence_streak", "last_marked_on"],
                name="enrollment_absent_in_a_row",
            ),
        ),
        migrations.RunPython(count_the_marks_recorded, migrations.RunPython.noop),
    ]
