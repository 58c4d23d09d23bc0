"""Participation in projects, tracks, activities, sessions and attendance."""
