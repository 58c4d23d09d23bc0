"""Benchmark: response time and query count of the main pages on volume data.

    DATABASE_URL=sqlite:////tmp/kis-scale.sqlite3 DJANGO_DEBUG=1 .venv/bin/python manage.py migrate
    DATABASE_URL=... DJANGO_DEBUG=1 .venv/bin/python manage.py seed_demo
    DATABASE_URL=... DJANGO_DEBUG=1 .venv/bin/python manage.py seed_scale --participants 20000
    DATABASE_URL=... DJANGO_DEBUG=1 .venv/bin/python benchmarks/pages.py > benchmarks/results.md

Each page is requested once to warm up, then REPEAT times; the median wall time and the number of
queries are reported, with the peak Python memory of one request (tracemalloc).
"""

import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kis.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import logging  # noqa: E402

import django  # noqa: E402

django.setup()
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from activities.models import Attendance, Session  # noqa: E402
from participants.models import Participant  # noqa: E402
from projects.models import Project  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
settings.ALLOWED_HOSTS = ["*"]  # the test client's host; this script never serves the network


def measure(client, url):
    client.get(url)  # warm-up
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        tracemalloc.start()
        client.get(url)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return statistics.median(times), len(queries.captured_queries), peak / 1024 / 1024


def main():
    project = Project.objects.get(code="SCALE/BENCHMARK/1")
    session = Session.objects.filter(activity__project=project).order_by("-date").first()
    person = Participant.objects.filter(last_name__startswith="Testowy").first()
    User = get_user_model()
    coordinator, manager = Client(), Client()
    coordinator.force_login(User.objects.get(username="coordinator"))
    manager.force_login(User.objects.get(username="manager"))
    pages = [
        (coordinator, "/", "dashboard (coordinator)"),
        (coordinator, "/participants/?scope=all", "participant list, page 1"),
        (coordinator, "/participants/?scope=all&q=Testowy&page=50", "participant search, page 50"),
        (
            coordinator,
            f"/participants/{person.pk}/",
            "participant page",
        ),
        (coordinator, "/activities/", "activity list"),
        (coordinator, f"/activities/sessions/{session.pk}/attendance/", "attendance grid"),
        (manager, f"/reports/projects/{project.pk}/", "outcome report (HTML)"),
        (manager, f"/reports/projects/{project.pk}/pdf/", "outcome report (PDF)"),
    ]
    print(f"# Page benchmark ({connection.vendor}, {connection.settings_dict['NAME']})\n")
    print(
        f"Data: {Participant.objects.count()} participants, {Session.objects.count()} sessions, "
        f"{Attendance.objects.count()} attendance marks. Median of {REPEAT} requests after a warm-up.\n"
    )
    print("| page | median (ms) | queries | peak Python memory (MiB) |")
    print("|---|---:|---:|---:|")
    for client, url, name in pages:
        median, queries, peak = measure(client, url)
        print(f"| {name} | {median * 1000:.0f} | {queries} | {peak:.1f} |")


if __name__ == "__main__":
    main()
