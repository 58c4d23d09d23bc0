"""The programme tests share the participation tests' fixtures (English messages, a person on a
worker's caseload, a running project): a programme needs people recruited into a project."""

from participation.tests.conftest import english, participant, project  # noqa: F401
