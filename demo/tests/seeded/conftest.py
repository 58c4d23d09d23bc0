import pytest
from django.db import transaction

from demo.tests.helpers import seed


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    """The default demo (``make run``), seeded once for all the tests of this package.

    It is seeded inside a transaction that is rolled back after the last test of the package, so
    no other test sees it; each test runs in a savepoint within it, as usual.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed(None)
        transaction.set_rollback(True)
