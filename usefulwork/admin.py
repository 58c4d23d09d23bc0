"""Socially useful work is not in the Django admin: placements and work days are a person's
records, kept on the site's pages, whose services check who may be placed and the limits of hours."""
