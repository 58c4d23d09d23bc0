"""Shared fixtures: one user per role, and a client signed in as each; hypothesis profiles."""

import os

import pytest
from django.contrib.auth.models import Group
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from kis.roles import Role
from kis.tests.factories import LocationFactory, UserFactory

ROLES = [role.value for role in Role]

# A busy machine must never fail a correct property test: no per-example deadline, and no
# "input generation is slow" health check. CI runs the same examples every time (derandomised,
# no example database), so a failure there can be reproduced anywhere.
hypothesis_settings.register_profile("kis", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.register_profile(
    "ci", parent=hypothesis_settings.get_profile("kis"), derandomize=True, database=None
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "kis"))


@pytest.fixture(scope="session", autouse=True)
def _private_media_outside_the_repository(tmp_path_factory):
    """Files stored by any test (scans, emblems, the demo's logo strips) go to a temporary
    directory, never to the installation's private media; a test may point it elsewhere."""
    from django.test import override_settings

    with override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private_media")):
        yield


@pytest.fixture(autouse=True)
def _no_sign_in_lockout_left_by_another_test(request):
    """Every test client signs in from 127.0.0.1: failures recorded by django-axes in a test that
    commits (live_server, transactional_db) would lock out the next test's users of that address."""
    for name in ("transactional_db", "db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
            from axes.utils import reset

            reset()
            break


def make_user(role: str, **kwargs):
    user = UserFactory(username=kwargs.pop("username", f"{role}_user"), **kwargs)
    user.groups.add(Group.objects.get(name=role))
    if role == Role.COORDINATOR:
        # A coordinator sees the people of the locations they coordinate: the factories' one.
        LocationFactory(name="KIS Śródmieście").coordinators.add(user)
    if role == Role.ADMIN:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def social_worker(db):
    return make_user(Role.SOCIAL_WORKER, first_name="Anna", last_name="Nowak")


@pytest.fixture
def other_social_worker(db):
    return make_user(Role.SOCIAL_WORKER, username="other_worker", first_name="Piotr", last_name="Wójcik")


@pytest.fixture
def coordinator(db):
    return make_user(Role.COORDINATOR)


@pytest.fixture
def coordinator_elsewhere(db):
    """A coordinator of another location than the factories' one: none of its people are theirs."""
    user = make_user(Role.COORDINATOR, username="coordinator_elsewhere")
    user.coordinated_locations.set([LocationFactory(name="KIS Knurów")])
    return user


@pytest.fixture
def manager(db):
    return make_user(Role.MANAGER)


@pytest.fixture
def admin_user(db):
    return make_user(Role.ADMIN)


@pytest.fixture
def user_of_role(db):
    """Factory fixture: ``user_of_role("coordinator")``."""

    def _make(role: str | None):
        if role is None:
            return None
        return make_user(role)

    return _make


@pytest.fixture
def empty_cache():
    """Django's cache empty before and after the test: the tests that switch on a cache of the
    test settings' (figures, filter forms, report figures) see only their own entries."""
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()
