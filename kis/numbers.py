"""Figures shown as percentages, computed one way everywhere."""

from __future__ import annotations


def percent(part: int | float, whole: int | float) -> int | None:
    """``part`` as a whole percentage of ``whole``, rounded half to even; None when there is no whole."""
    return round(100 * part / whole) if whole else None
