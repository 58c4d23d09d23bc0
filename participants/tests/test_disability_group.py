"""Who is in the disability group the ESF guidelines give their own effectiveness thresholds:
a significant or moderate disability, an intellectual disability or multiple disabilities."""

import pytest

from participants.models import DisabilityDegree, Participant


@pytest.mark.parametrize(
    ("degree", "intellectual_or_multiple", "in_group"),
    [
        (DisabilityDegree.SIGNIFICANT, False, True),
        (DisabilityDegree.MODERATE, False, True),
        (DisabilityDegree.LIGHT, False, False),
        (DisabilityDegree.LIGHT, True, True),  # a light degree, but an intellectual disability
        (DisabilityDegree.UNCERTIFIED, True, True),
        (DisabilityDegree.UNCERTIFIED, False, False),
        (DisabilityDegree.NONE, False, False),
        (DisabilityDegree.REFUSED, False, False),
    ],
)
def test_the_disability_group(degree, intellectual_or_multiple, in_group):
    person = Participant(disability=degree, disability_intellectual_or_multiple=intellectual_or_multiple)

    assert person.in_disability_group is in_group
