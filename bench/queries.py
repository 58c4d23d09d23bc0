"""The number of database queries of each measured page, counted in-process (django.test.Client and
CaptureQueriesContext) against the benchmark's database, once per page after a warm-up.

    python -m bench.queries PAGES.json     # prints {"page name": queries, ...}

PAGES.json is the list ``bench/run`` measures over HTTP: ``[{"name", "user", "path"}, ...]``, where a
path with ``"post"`` is the search form posted and the page it redirects to (both counted). Run with
DJANGO_SETTINGS_MODULE=bench.settings and the server's environment, and with ``testserver`` among
DJANGO_ALLOWED_HOSTS (the test client's host).
"""

import json
import sys

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

BACKEND = "kis.backends.RoleBackend"


def visit(client: Client, page: dict) -> int:
    """One visit of the page (for a search: the htmx post, or the form post and its redirect);
    status 200 or fails."""
    if page.get("in_place"):
        response = client.post(page["path"], page["post"], secure=True, headers={"HX-Request": "true"})
    elif "post" in page:
        posted = client.post(page["path"], page["post"], secure=True)
        assert posted.status_code in (302, 303), (page, posted.status_code)
        response = client.get(posted["Location"], secure=True)
    else:
        response = client.get(page["path"], secure=True)
    assert response.status_code == 200, (page["name"], page["path"], response.status_code)
    return response.status_code


def main(path: str) -> None:
    pages = json.loads(open(path, encoding="utf-8").read())
    User = get_user_model()
    clients: dict[str, Client] = {}
    counts = {}
    for page in pages:
        if page["user"] not in clients:
            clients[page["user"]] = Client()
            clients[page["user"]].force_login(User.objects.get(username=page["user"]), backend=BACKEND)
        client = clients[page["user"]]
        visit(client, page)  # warm-up: caches, the session, the user's roles
        with CaptureQueriesContext(connection) as queries:
            visit(client, page)
        counts[page["name"]] = len(queries.captured_queries)
    json.dump(counts, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
