"""Finding a person by name in any case and with or without Polish letters, the same on SQLite and
PostgreSQL, through the stored search key; on PostgreSQL, through its trigram index."""

import pytest
from django.db import connection

from kis.tests.factories import LocationFactory
from participants.models import Participant
from participants.searchkey import name_key, normalise
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Żurawska", "zurawska"),
        ("ŻURAWSKA", "zurawska"),
        ("zurawska", "zurawska"),
        ("ŁUKASZ", "lukasz"),
        ("łukasz", "lukasz"),
        ("Świątek", "swiatek"),
        ("Gęś", "ges"),
        ("Óla", "ola"),
        ("Źdźbło Ćma Ńaść", "zdzblo cma nasc"),
        ("Gąsiorowska-Łęcka", "gasiorowska-lecka"),
        ("  Jan \t Kowalski\n", "jan kowalski"),
        ("Sørensen Straße", "sorensen strasse"),
        ("", ""),
    ],
)
def test_a_name_is_normalised_without_case_diacritics_or_extra_spaces(text, key):
    assert normalise(text) == key


def test_every_spelling_of_a_name_normalises_alike():
    assert normalise("zurawska") == normalise("żurawska") == normalise("ŻURAWSKA") == normalise("Żurawska")


def test_the_key_is_the_surname_then_the_first_name():
    assert name_key("Żurawska", "Łucja") == "zurawska lucja"


@pytest.fixture
def people():
    return {
        "żurawska": ParticipantFactory(first_name="Anna", last_name="Żurawska", female=True),
        "łukasz 1": ParticipantFactory(first_name="Łukasz", last_name="Nowak", female=False),
        "łukasz 2": ParticipantFactory(first_name="Łukasz", last_name="Wiśniewski", female=False),
        "łukasz 3": ParticipantFactory(first_name="ŁUKASZ", last_name="Zieliński", female=False),
        "jan": ParticipantFactory(first_name="Jan", last_name="Kowalski", female=False),
        "janina": ParticipantFactory(first_name="Janina", last_name="Lis", female=True),
    }


def found(text: str) -> set[str]:
    return {f"{p.first_name} {p.last_name}" for p in Participant.objects.search(text)}


@pytest.mark.parametrize("text", ["żurawska", "zurawska", "ŻURAWSKA", "Żurawska", "żura", "RAWS"])
def test_a_surname_is_found_in_any_case_with_or_without_its_polish_letters(people, text):
    assert found(text) == {"Anna Żurawska"}


@pytest.mark.parametrize("text", ["łukasz", "Łukasz", "lukasz", "LUKASZ"])
def test_a_first_name_with_l_stroke_is_found_however_it_is_typed(people, text):
    assert found(text) == {"Łukasz Nowak", "Łukasz Wiśniewski", "ŁUKASZ Zieliński"}


@pytest.mark.parametrize("text", ["jan kowalski", "kowalski jan", "KOWALSKI  Jan", "kow ja"])
def test_the_words_match_in_any_order(people, text):
    assert found(text) == {"Jan Kowalski"}


def test_every_word_must_match(people):
    assert found("jan") == {"Jan Kowalski", "Janina Lis"}
    assert found("jan lis") == {"Janina Lis"}
    assert found("jan nowak") == set()


def test_a_pesel_prefix_still_finds_the_person(people):
    person = people["jan"]

    assert found(person.pesel[:6]) == {"Jan Kowalski"}
    assert found(f"{person.pesel[:4]} kowal") == {"Jan Kowalski"}
    assert found(person.pesel[2:8]) == set()  # the middle of a PESEL is not a match


def test_the_key_follows_a_rename_on_save(people):
    person = people["żurawska"]
    person.last_name = "Łącka"
    person.save()

    assert Participant.objects.get(pk=person.pk).search_key == "lacka anna"
    assert found("żurawska") == set()
    assert found("lacka") == {"Anna Łącka"}


def test_the_key_follows_a_rename_saved_with_update_fields(people):
    person = people["jan"]
    person.first_name = "Józef"
    person.save(update_fields=["first_name"])

    assert Participant.objects.get(pk=person.pk).search_key == "kowalski jozef"
    assert found("jozef") == {"Józef Kowalski"}


def test_the_key_follows_names_changed_in_bulk(people):
    Participant.objects.filter(pk=people["janina"].pk).update(first_name="Łucja", last_name="Źrebiec")
    renamed = [people["łukasz 1"], people["łukasz 2"]]
    for person in renamed:
        person.first_name = "Michał"
    Participant.objects.bulk_update(renamed, ["first_name"])

    assert found("zrebiec lucja") == {"Łucja Źrebiec"}
    assert found("michal") == {"Michał Nowak", "Michał Wiśniewski"}
    assert found("lukasz") == {"ŁUKASZ Zieliński"}


def test_an_update_of_one_name_alone_is_refused_since_the_key_could_not_follow(people):
    with pytest.raises(ValueError):
        Participant.objects.filter(pk=people["jan"].pk).update(last_name="Nowy")

    assert Participant.objects.get(pk=people["jan"].pk).last_name == "Kowalski"


def test_people_created_in_bulk_get_their_key(social_worker):
    person = ParticipantFactory.build(
        first_name="Ścibor", last_name="Gołąb", social_worker=social_worker, location=LocationFactory()
    )

    Participant.objects.bulk_create([person])

    assert Participant.objects.get().search_key == "golab scibor"
    assert found("scibor golab") == {"Ścibor Gołąb"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index is PostgreSQL's")
def test_on_postgresql_the_search_uses_the_trigram_index(people):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname = %s",
            [Participant._meta.db_table, "participant_search_key_trgm"],
        )
        (definition,) = cursor.fetchone()
        assert "gin" in definition.lower() and "gin_trgm_ops" in definition

        sql, params = Participant.objects.search("kow").query.sql_with_params()
        # With a handful of rows, reading the table (or the B-tree of the page's order) whole is the
        # cheapest plan: both are ruled out, so what remains is whether the index can serve the search.
        cursor.execute(f"ANALYZE {Participant._meta.db_table}")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "Bitmap Index Scan on participant_search_key_trgm" in plan, plan
