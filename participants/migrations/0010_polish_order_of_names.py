"""People's names in the order of the Polish alphabet (kis.collation): on PostgreSQL an ICU
collation of the Polish locale, made here; on SQLite the collation every connection is given."""

from django.db import migrations, models

from kis.collation import POLISH, create_on_postgresql


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0009_search_key"),
    ]

    operations = [
        create_on_postgresql(),
        migrations.AlterField(
            model_name="participant",
            name="first_name",
            field=models.CharField(db_collation=POLISH, max_length=100, verbose_name="first name"),
        ),
        migrations.AlterField(
            model_name="participant",
            name="last_name",
            field=models.CharField(db_collation=POLISH, db_index=True, max_length=100, verbose_name="surname"),
        ),
    ]
