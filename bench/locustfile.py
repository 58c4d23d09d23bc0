"""The load test of ``bench/run``: 20 staff at once — 14 social workers, 4 coordinators, 2 managers —
each signed in once with their own account, then walking the pages of their role.

    BENCH_TARGETS=targets.json BENCH_THINK=1 locust -f bench/locustfile.py --headless -u 20 -r 20 \
        -t 60s --host http://127.0.0.1:PORT

BENCH_TARGETS is what ``python -m bench.seed targets`` prints (accounts, their people, activities
and sessions); BENCH_THINK=1 waits 0.5–2 s between pages, 0 not at all. The statistics start once
all 20 have signed in (20 password checks at once are a storm of their own, reported apart from
the pages: BENCH_SIGN_INS names a file for their times), and the walk then lasts BENCH_DURATION
seconds (``--run-time`` is only a safety net). Requests carry
``X-Forwarded-Proto: https`` as the TLS proxy in front of KIS would, and the cookies are kept and
sent by hand: they are marked Secure and the test speaks plain HTTP, so what each request carries
does not depend on how a client's cookie jar treats that. The users are FastHttpUser (geventhttpclient),
which takes less of the machine's CPU than requests does. Redirects are not followed, so a page that
answers anything but 200 counts as a failure.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from http.cookies import SimpleCookie

import gevent
from gevent.event import Event
from locust import between, constant, task
from locust.contrib.fasthttp import FastHttpUser

TARGETS = json.loads(open(os.environ["BENCH_TARGETS"], encoding="utf-8").read())
THINK = os.environ.get("BENCH_THINK", "1") == "1"
DURATION = float(os.environ.get("BENCH_DURATION", "60"))
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
ALL_SIGNED_IN = Event()
signed_in = 0


def start_measuring(environment) -> None:
    """Once everyone has signed in: keep the sign-ins' times, reset the statistics, stop later."""
    sign_ins = environment.stats.get("sign-in", "POST")
    if os.environ.get("BENCH_SIGN_INS"):
        with open(os.environ["BENCH_SIGN_INS"], "w", encoding="utf-8") as out:
            json.dump(
                {
                    "count": sign_ins.num_requests,
                    "p50": sign_ins.get_response_time_percentile(0.5),
                    "max": sign_ins.max_response_time,
                },
                out,
            )
    environment.stats.reset_all()
    ALL_SIGNED_IN.set()
    gevent.spawn_later(DURATION, environment.runner.quit)


class Staff(FastHttpUser):
    abstract = True
    role = ""
    wait_time = between(0.5, 2) if THINK else constant(0)

    def on_start(self):
        accounts = TARGETS["accounts"][self.role]
        # Each simulated user takes the next account of its role (fixed_count = the accounts).
        self.account = accounts[next(self.counter) % len(accounts)]
        self.cookies: dict[str, str] = {}
        self.origin = self.host.replace("http://", "https://")
        self.rng = random.Random(self.account["username"])
        login = self.get("/accounts/login/", name="login page")
        token = CSRF_FIELD.search(login.content)
        self.request(
            "POST",
            "/accounts/login/",
            name="sign-in",
            expect=302,
            data={
                "username": self.account["username"],
                "password": TARGETS["password"],
                "csrfmiddlewaretoken": token.group(1).decode() if token else "",
            },
            headers={"Origin": self.origin, "Referer": f"{self.origin}/accounts/login/"},
        )
        global signed_in
        signed_in += 1
        if signed_in == self.environment.parsed_options.num_users:
            start_measuring(self.environment)
        ALL_SIGNED_IN.wait(timeout=300)

    def request(self, method: str, path: str, *, name: str, expect: int = 200, headers=None, **kwargs):
        headers = {"X-Forwarded-Proto": "https", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        with self.client.request(
            method, path, name=name, headers=headers, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            for header in response.headers.getlist("set-cookie") if response.headers else ():
                for cookie in SimpleCookie(header).values():
                    self.cookies[cookie.key] = cookie.value
            if response.status_code != expect:
                response.failure(f"{response.status_code}, not {expect}")
            return response

    def get(self, path: str, *, name: str):
        return self.request("GET", path, name=name)

    def pick(self, kind: str):
        return self.rng.choice(self.account[kind]) if self.account[kind] else None

    def search(self):
        """The list, then a search typed into its form, posted by htmx as a browser with scripts
        does: one request answering the results (their address in HX-Replace-Url)."""
        page = self.get("/participants/", name="participant list")
        token = CSRF_FIELD.search(page.content)
        self.request(
            "POST",
            "/participants/",
            name="participant search (htmx)",
            data={"q": TARGETS["search"], "csrfmiddlewaretoken": token.group(1).decode() if token else ""},
            headers={"Origin": self.origin, "Referer": f"{self.origin}/participants/", "HX-Request": "true"},
        )

    def participant(self):
        if person := self.pick("participants"):
            self.get(f"/participants/{person}/", name="participant page")

    def activity(self):
        if activity := self.pick("activities"):
            self.get(f"/activities/{activity}/", name="activity page")

    def attendance(self):
        if session := self.pick("sessions"):
            self.get(f"/activities/sessions/{session}/attendance/", name="attendance grid")


class SocialWorker(Staff):
    role = "social_worker"
    fixed_count = 14
    counter = itertools.count()

    @task(2)
    def home(self):
        self.get("/", name="home")

    @task(3)
    def caseload(self):
        self.get("/participants/", name="participant list")

    @task(4)
    def person(self):
        self.participant()

    @task(1)
    def find(self):
        self.search()

    @task(1)
    def contracts(self):
        self.get("/contracts/", name="contract list")

    @task(1)
    def group(self):
        self.activity()

    @task(1)
    def register(self):
        self.attendance()


class Coordinator(Staff):
    role = "coordinator"
    fixed_count = 4
    counter = itertools.count()

    @task(2)
    def home(self):
        self.get("/", name="home")

    @task(2)
    def everyone(self):
        self.get("/participants/", name="participant list")

    @task(1)
    def find(self):
        self.search()

    @task(3)
    def person(self):
        self.participant()

    @task(1)
    def contracts(self):
        self.get("/contracts/", name="contract list")

    @task(1)
    def activities(self):
        self.get("/activities/", name="activity list")

    @task(1)
    def group(self):
        self.activity()

    @task(1)
    def register(self):
        self.attendance()


class Manager(Staff):
    role = "manager"
    fixed_count = 2
    counter = itertools.count()

    @task(2)
    def home(self):
        self.get("/", name="home")

    @task(1)
    def reports(self):
        self.get("/reports/", name="report list")

    @task(1)
    def small_report(self):
        self.get(f"/reports/projects/{TARGETS['small_project']}/", name="report HTML (300 people)")

    @task(1)
    def large_report(self):
        self.get(f"/reports/projects/{TARGETS['scale_project']}/", name="report HTML (largest project)")

    @task(1)
    def project(self):
        self.get(f"/projects/{TARGETS['scale_project']}/", name="project page")

    @task(1)
    def everyone(self):
        self.get("/participants/", name="participant list")
