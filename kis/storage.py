"""Storage for uploaded and generated documents that must never be served as public files.

Every private file (scans, signed declarations, snapshots, logo strips, documents made in the
background) is kept by ``private_storage()``: a directory under ``PRIVATE_MEDIA_ROOT`` by default, or
a bucket of an S3-compatible object store with ``KIS_STORAGE=s3`` (``STORAGES["private"]``, built by
``kis.settings.storages_from_env``). Either way KIS's own views open the file and stream it to a
reader they have checked; no file has an address of its own.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

try:
    from storages.backends.s3 import S3Storage
except ImportError:  # requirements-s3.txt is not installed: private files live on the filesystem
    S3Storage = None


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


if S3Storage is not None:

    class PrivateS3Storage(S3Storage):
        """Private objects of the bucket, read by KIS and streamed by its views. It gives no address:
        even a signed one would hand the file to whoever holds the link, past KIS's checks of who
        may read it and past the audit trail."""

        def url(self, name, parameters=None, expire=None, http_method=None):
            raise NotImplementedError("Private files are sent by KIS's views (kis.files.file_response), never by URL.")


def private_storage():
    """The storage of private files, ``STORAGES["private"]`` (the filesystem one when the settings
    name none). Called by each model field that keeps a private file, when the models load."""
    return storages.create_storage(settings.STORAGES.get("private", {"BACKEND": "kis.storage.PrivateStorage"}))
