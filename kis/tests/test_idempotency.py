"""The token of a create form: one per form shown, rendered by crispy, written down once per user,
forgotten after a day."""

import datetime

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.test import RequestFactory
from django.utils import timezone

from kis import idempotency
from kis.idempotency import TOKEN_FIELD, AlreadySubmitted, add_token_field, record_submission
from kis.models import Location, SubmittedForm
from kis.tests.factories import LocationFactory, UserFactory

pytestmark = pytest.mark.django_db


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = ["name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout("name")


def sending(user, token):
    request = RequestFactory().post("/", {TOKEN_FIELD: token})
    request.user = user
    return request


def test_each_form_shown_gets_its_own_token_in_its_layout():
    one, other = add_token_field(LocationForm()), add_token_field(LocationForm())

    assert one[TOKEN_FIELD].value() != other[TOKEN_FIELD].value()
    assert len(one[TOKEN_FIELD].value()) >= 16
    assert one.helper.layout.fields == ["name", TOKEN_FIELD]


def test_adding_the_token_twice_lays_it_out_once():
    form = add_token_field(add_token_field(LocationForm()))

    assert form.helper.layout.fields == ["name", TOKEN_FIELD]


def test_a_token_not_of_this_application_is_ignored():
    user = UserFactory()

    record_submission(sending(user, "short"), LocationFactory(), url="/locations/1/")

    assert not SubmittedForm.objects.exists()


def test_the_same_token_of_the_same_user_is_written_down_once():
    user, token = UserFactory(), idempotency.new_token()
    record_submission(sending(user, token), LocationFactory(), url="/first/")

    with pytest.raises(AlreadySubmitted):
        record_submission(sending(user, token), LocationFactory(), url="/second/")

    assert list(SubmittedForm.objects.values_list("url", flat=True)) == ["/first/"]


def test_another_users_token_finds_nothing_of_the_first_user():
    first, second, token = UserFactory(), UserFactory(), idempotency.new_token()
    record_submission(sending(first, token), LocationFactory(), url="/first/")

    assert idempotency.earlier_submission(sending(second, token)) is None
    record_submission(sending(second, token), LocationFactory(), url="/second/")
    assert idempotency.earlier_submission(sending(second, token)).url == "/second/"


def test_tokens_older_than_a_day_are_forgotten_on_the_next_write():
    user = UserFactory()
    record_submission(sending(user, idempotency.new_token()), LocationFactory(), url="/old/")
    SubmittedForm.objects.update(created_at=timezone.now() - idempotency.KEPT_FOR - datetime.timedelta(minutes=1))

    record_submission(sending(user, idempotency.new_token()), LocationFactory(), url="/new/")

    assert list(SubmittedForm.objects.values_list("url", flat=True)) == ["/new/"]
