"""gunicorn's settings for KIS, read by ``gunicorn kis.wsgi`` started in this directory.

Arguments on gunicorn's command line win over this file (bin/smoke-production passes its own
``--bind`` and ``--workers``). Environment:

- ``KIS_BIND``: address(es) to listen on, comma-separated (default ``127.0.0.1:8000``; nginx in
  front, see docs/DEPLOY.md);
- ``KIS_WORKERS``: worker processes (default one per core, at least two).

The 30-second timeout stays: a request that needs longer (a large PDF or sheet) is a background
task, never a reason to raise it. The logs carry no query string and no run of eleven digits, so
that no PESEL can reach them, whatever a form or a link ever puts in an address.
"""

import gc
import logging
import os
import re

from gunicorn.glogging import Logger as _GunicornLogger


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (a container's share)
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


bind = [address.strip() for address in os.environ.get("KIS_BIND", "127.0.0.1:8000").split(",") if address.strip()]
# One worker per core (two at least, so that one slow request never holds the whole site): a page
# is mostly Python, and PostgreSQL on the same machine needs CPU of its own. Measured by bench/run's
# load test on 2 cores (20 staff without pause, runs alternating): 2 workers answered 67-81
# requests/s, 5 workers (2 x cores + 1) 58-72, with the p95 lower too.
workers = int(os.environ.get("KIS_WORKERS", "") or max(2, _cores()))

# A worker silent for 30 s is killed and replaced; on SIGTERM (systemctl restart, a deploy) each one
# finishes its requests for up to 30 s more.
timeout = 30
graceful_timeout = 30
# nginx keeps connections to gunicorn open between requests of a page.
keepalive = 5
# A worker is replaced after about 1000 requests (jitter: not all at once), so that memory a
# long-running process gathers (a WeasyPrint page, a large sheet) is given back.
max_requests = 1000
max_requests_jitter = 100
# The heartbeat files of the workers in memory, not on a disk that may stall under load.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def post_worker_init(worker):
    """Once a worker has loaded KIS: what it loaded (Django, the models, the URL patterns) is left
    out of garbage collection from then on, and a collection runs after 50,000 new objects instead
    of 700. A page makes tens of thousands of short-lived objects that reference counting frees
    anyway; the collections that ran over them took ~4% of a worker's time on the benchmark's
    pages (bench/)."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


# Access log to standard output (journald under systemd): the path without its query string and
# without the referrer, which may hold another page's query string.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
errorlog = "-"

QUERY_STRING = re.compile(r"\?[^\s\"']*")
ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{11}(?!\d)")


def redact(message: str) -> str:
    """``message`` without query strings and without anything that may be a PESEL."""
    return ELEVEN_DIGITS.sub("[11 digits]", QUERY_STRING.sub("?[query]", message))


class _Redacting(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), ()
        return True


class RedactingLogger(_GunicornLogger):
    """gunicorn's logger whose error log (a request it could not parse, an exception with the
    request's address) loses query strings and PESEL-like numbers, as the access log does."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            log.addFilter(_Redacting())


logger_class = RedactingLogger
