"""The placement list's search finds a person by name however it is typed, and still by the
referral number."""

import pytest

from usefulwork.filters import PlacementFilter
from usefulwork.models import Placement
from usefulwork.tests.factories import PlacementFactory

pytestmark = pytest.mark.django_db


def found(text: str) -> set[Placement]:
    return set(PlacementFilter({"q": text}, queryset=Placement.objects.all()).qs)


@pytest.fixture
def placements(unemployed):
    return {"żółkiewska": PlacementFactory(participant=unemployed), "other": PlacementFactory()}


@pytest.mark.parametrize("text", ["Żółkiewska", "zolkiewska", "ŻÓŁKIEWSKA", "lucja zolk", "zółk ŁUCJA"])
def test_a_placement_is_found_by_the_name_in_any_case_with_or_without_polish_letters(placements, text):
    assert found(text) == {placements["żółkiewska"]}


def test_a_placement_is_still_found_by_its_referral_number(placements):
    assert found(placements["other"].referral_number.lower()) == {placements["other"]}
