"""The demo data served as production serves it, for the browser tests that need a whole club:
a throw-away SQLite copy of the demo (``migrate`` and ``seed_demo``) behind gunicorn with debug off
(``demo_server_settings``), on a free port of 127.0.0.1. The fixture ``demo_site`` (session-scoped,
in conftest) gives its address; the demo users' password is ``PASSWORD``.

Nothing of the suite's own configuration reaches the server: its database may be PostgreSQL.
"""

import ctypes
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
PASSWORD = "kis-demo-2026"  # of the demo users (demo/data/organisation.py)
SERVER_START_SECONDS = 120
PR_SET_PDEATHSIG = 1  # prctl(2)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_with_the_tests() -> None:
    """In the server's process: Linux ends it when the tests' process ends, however that ends."""
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def manage(*args: str, env: dict) -> str:
    """Run ``manage.py`` in the demo server's environment; what it printed."""
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
    return result.stdout


@pytest.fixture(scope="session")
def demo_site_env(tmp_path_factory) -> dict:
    """The environment of the demo server's processes (``manage.py`` and gunicorn)."""
    workdir = tmp_path_factory.mktemp("every-page")
    return {
        # Nothing of the suite's own configuration (its database may be PostgreSQL) reaches the server.
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "KIS_", "AXES_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "tests.browser.demo_server_settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{workdir / 'demo.sqlite3'}",
        "KIS_PRIVATE_MEDIA_ROOT": str(workdir / "private"),
    }


@pytest.fixture(scope="session")
def demo_site(demo_site_env, chromium_executable):
    """The demo data served by gunicorn on a free port of 127.0.0.1, debug off; its address."""
    env = demo_site_env
    workdir = Path(env["KIS_PRIVATE_MEDIA_ROOT"]).parent
    manage("migrate", "--no-input", env=env)
    manage("seed_demo", "--force", env=env)
    port = free_port()
    log = (workdir / "gunicorn.log").open("w")
    server = subprocess.Popen(
        # A PDF made in the request may take a while on a busy machine: the test server's workers
        # get longer than production's 30 s before they are replaced.
        [str(Path(sys.executable).parent / "gunicorn"), "kis.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "2", "--timeout", "300"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=stop_with_the_tests,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            assert server.poll() is None, "gunicorn stopped:\n" + (workdir / "gunicorn.log").read_text()[-5000:]
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, f"/healthz did not answer within {SERVER_START_SECONDS} s"
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
