"""The replica router: reads inside ``reading_from_replica()`` go to the replica, nothing else does."""

import threading

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import router
from django.test import override_settings

from kis.models import Location
from kis.routers import ReplicaRouter, reading_from_replica

# The routing reads no database setting and these tests send no query to the replica: overriding
# DATABASES only stands the alias beside the primary, as in production.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")

# A replica as the settings build it from DATABASE_REPLICA_URL, here the test database itself.
WITH_REPLICA = override_settings(
    DATABASES={**settings.DATABASES, "replica": {**settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}},
    DATABASE_ROUTERS=["kis.routers.ReplicaRouter"],
)


@WITH_REPLICA
def test_reads_inside_the_block_go_to_the_replica_and_outside_to_the_primary():
    assert Location.objects.all().db == "default"
    with reading_from_replica():
        assert Location.objects.all().db == "replica"
        assert Group.objects.filter(name="manager").db == "replica"
    assert Location.objects.all().db == "default"


@WITH_REPLICA
def test_writes_go_to_the_primary_inside_the_block_too():
    with reading_from_replica():
        assert router.db_for_write(Location) == "default"
        # A read that locks rows is a read for writing.
        assert Location.objects.select_for_update().db == "default"


@pytest.mark.django_db
@WITH_REPLICA
def test_a_record_saved_inside_the_block_is_written_to_the_primary():
    with reading_from_replica():
        group = Group.objects.create(name="written inside the block")

    assert group._state.db == "default"
    assert Group.objects.using("default").filter(pk=group.pk).exists()


@WITH_REPLICA
def test_only_the_primary_is_migrated():
    assert router.allow_migrate("default", "kis", model_name="location") is True
    assert router.allow_migrate("replica", "kis", model_name="location") is False
    with reading_from_replica():
        assert router.allow_migrate("replica", "kis", model_name="location") is False


def test_the_block_ends_with_an_error_too():
    replica = ReplicaRouter()
    with pytest.raises(RuntimeError), reading_from_replica():
        assert replica.db_for_read(Location) == "replica"
        raise RuntimeError

    assert replica.db_for_read(Location) == "default"


def test_a_nested_block_leaves_the_outer_one_reading_from_the_replica():
    replica = ReplicaRouter()
    with reading_from_replica():
        with reading_from_replica():
            assert replica.db_for_read(Location) == "replica"
        assert replica.db_for_read(Location) == "replica"
    assert replica.db_for_read(Location) == "default"


def test_another_thread_is_not_sent_to_the_replica():
    replica, seen = ReplicaRouter(), []
    with reading_from_replica():
        thread = threading.Thread(target=lambda: seen.append(replica.db_for_read(Location)))
        thread.start()
        thread.join()

    assert seen == ["default"]


def test_objects_of_the_primary_and_the_replica_may_be_related():
    first, second = Group(name="a"), Group(name="b")
    first._state.db, second._state.db = "default", "replica"

    assert ReplicaRouter().allow_relation(first, second) is True
    second._state.db = "other"
    assert ReplicaRouter().allow_relation(first, second) is None


def test_without_a_replica_the_block_changes_nothing():
    assert settings.DATABASE_ROUTERS == []
    with reading_from_replica():
        assert Location.objects.all().db == "default"
        assert router.db_for_read(Location) == "default"
