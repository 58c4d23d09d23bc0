"""Property tests: no query string of any list and no posted form of any page answers 500.

The lists and form pages are read from the URL configuration; the parameter names from each list's
filterset and the field names from each form as served. Hypothesis fills them with values no
browser sends: huge and negative numbers, floats, Polish letters, NUL, long texts, repeated keys.
The test client re-raises a view's exception, so a 500 fails the example that caused it.
"""

import pytest
from django.db.models import Model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from zeal import zeal_ignore

from conftest import make_user
from kis.roles import Role
from participants.tests.factories import ParticipantFactory
from tests.bad_input.pages import list_pages, post_form_fields, routes, row_counts

NASTY_TEXT = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["0", "-1", "9" * 19, "9" * 40, "1e400", "NaN", "-0.5", "²", "1,5", "2024-02-30", "31.12.9999"]),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(alphabet="ąćęłńóśźżĄĆĘŁŃÓŚŹŻ \x00%_'\"<>;-", max_size=20),
    st.text(max_size=30),
    st.integers(min_value=101, max_value=70_000).map(lambda n: "ż" * n),
)
# One value, or a key repeated with several.
VALUES = st.one_of(NASTY_TEXT.map(lambda v: [v]), st.lists(NASTY_TEXT, min_size=2, max_size=4))
# Posted fields: the same, with texts up to a few kilobytes (a form's fields have a maximum length,
# and tens of kilobytes in every field of every example only make the run slow).
FORM_TEXT = st.one_of(
    NASTY_TEXT.filter(lambda v: len(v) <= 5000),
    st.integers(min_value=101, max_value=5000).map(lambda n: "ż" * n),
)
FORM_VALUES = st.one_of(FORM_TEXT.map(lambda v: [v]), st.lists(FORM_TEXT, min_size=2, max_size=3))

# What the small forms of state changes post (a date, a status, a reason, a note, a version).
ACTION_FIELDS = ["date", "ended_on", "hours", "note", "reason", "signed_on", "status", "unknown", "version"]

PROPERTY_SETTINGS = settings(
    max_examples=20,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)

LISTS = list_pages()


def parameter_names(filterset_class) -> list[str]:
    """The names a list's form sends (a range filter sends two), plus paging and unknown keys."""
    names = ["page", "ordering", "o", "unknown", "q"]
    if filterset_class is not None:
        for name, flt in filterset_class.base_filters.items():
            widget = flt.field_class.widget if hasattr(flt.field_class, "widget") else None
            suffixes = getattr(widget, "suffixes", None)
            names += [f"{name}_{s}" if s else name for s in suffixes] if suffixes else [name]
    return sorted(set(names))


def test_the_lists_are_read_from_the_url_configuration():
    assert {"participants:list", "contracts:list", "projects:list", "activities:list", "audit"} <= set(LISTS)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.SOCIAL_WORKER])
@pytest.mark.parametrize("page", sorted(LISTS))
def test_no_query_string_of_a_list_answers_500(client, page, role):
    path, filterset_class = LISTS[page]
    user = make_user(role)
    ParticipantFactory(social_worker=user)
    client.force_login(user)
    names = parameter_names(filterset_class)

    @PROPERTY_SETTINGS
    @given(st.dictionaries(st.sampled_from(names), VALUES, min_size=1, max_size=len(names)))
    def no_500(query):
        response = client.get(path, query)
        assert response.status_code != 500

    no_500()


# --- Forms -------------------------------------------------------------------------------------------


def _factories() -> dict[type[Model], type]:
    """The factory of each model that the apps' test factories make, by its model."""
    import importlib

    import factory

    found = {}
    modules = [
        f"{app}.tests.factories"
        for app in (
            "kis",
            "participants",
            "projects",
            "programmes",
            "contracts",
            "participation",
            "activities",
            "usefulwork",
        )
    ]
    modules += ["activities.tests.referral_factories", "activities.tests.support_factories"]
    for name in modules:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, factory.django.DjangoModelFactory):
                model = value._meta.model
                if isinstance(model, type) and issubclass(model, Model):
                    found.setdefault(model, value)
    return found


def form_pages() -> dict[str, tuple[str, type]]:
    """Pages that take a POST and name at most one record (``<…:pk>``) of their view's model."""
    pages = {}
    for name, route, view_class in routes():
        if view_class is None or not hasattr(view_class, "post"):
            continue
        if "post" not in getattr(view_class, "http_method_names", ()) or name in ("login", "logout"):
            continue
        kwargs = route.count("<")
        if kwargs == 0 or (kwargs == 1 and ":pk>" in route and getattr(view_class, "model", None)):
            pages[name] = ("/" + route, view_class)
    return pages


FORMS = form_pages()


def test_the_form_pages_are_read_from_the_url_configuration():
    assert {"participants:create", "participants:edit", "projects:create", "contracts:edit"} <= set(FORMS)


@pytest.mark.django_db
@pytest.mark.parametrize("page", sorted(FORMS))
def test_no_posted_form_answers_500_or_saves_when_refused(client, coordinator, manager, social_worker, page):
    route, view_class = FORMS[page]
    path = route
    if "<" in route:
        factory = _factories().get(view_class.model)
        assert factory is not None, f"no factory makes a {view_class.model.__name__}: add one to the app's tests"
        obj = factory(**({"social_worker": social_worker} if view_class.model.__name__ == "Participant" else {}))
        path = route[: route.index("<")] + str(obj.pk) + route[route.index(">") + 1 :]
    participant = ParticipantFactory(social_worker=social_worker)
    # The page as the first role that may open it: projects and partners are the manager's.
    for user in (coordinator, manager, social_worker):
        client.force_login(user)
        response = client.get(path, {"participant": participant.pk})
        if response.status_code == 200:
            fields = post_form_fields(response.content.decode())
            break
    else:
        # A POST-only action (its form is on another page) or one that waits for a state the
        # record is not in: it gets the names such forms post, as the coordinator.
        client.force_login(coordinator)
        fields = {}
    names = sorted(fields) or ACTION_FIELDS

    @PROPERTY_SETTINGS
    @given(st.dictionaries(st.sampled_from(names), FORM_VALUES, max_size=len(names)))
    def no_500(changes):
        before = row_counts()
        # What is looked for here is a 500; N+1 queries are the query-count tests' business (a
        # form with two choices of one model looks like one to the detector).
        with zeal_ignore(allowlist=[{"model": "projects.Partner"}]):
            response = client.post(f"{path}?participant={participant.pk}", {**fields, **changes})
        assert response.status_code != 500
        if response.status_code not in (301, 302, 303):
            assert row_counts() == before

    no_500()
