"""Storage for uploaded and generated documents that must never be served as public files."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files under ``settings.PRIVATE_MEDIA_ROOT``, served only by a view that checks who may read
    them. The root is read when a file is stored or opened, not once when the models load, so that
    a changed setting (a test's temporary directory) is followed."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def private_storage():
    return PrivateStorage(base_url=None)
