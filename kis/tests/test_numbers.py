"""Percentages are computed one way everywhere."""

from kis.numbers import percent


def test_percentages_are_whole_numbers_and_none_without_a_whole():
    assert percent(96, 145) == 66  # 66.2
    assert percent(1, 8) == 12  # 12.5, half to even
    assert percent(3, 8) == 38  # 37.5, half to even
    assert percent(0, 0) is None
    assert percent(5, 5) == 100
