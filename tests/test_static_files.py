"""Static files as production serves them: collectstatic with WhiteNoise's manifest storage works
from the repository alone (every file a vendored library names is shipped)."""

import re
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

SOURCE_MAP = re.compile(r"[#@] sourceMappingURL=(\S+?)(?:\s*\*/)?\s*$", re.M)


def test_every_source_map_a_static_file_names_is_shipped():
    static = Path(settings.BASE_DIR) / "static"
    named = []
    for path in [*static.rglob("*.js"), *static.rglob("*.css")]:
        for target in SOURCE_MAP.findall(path.read_text(errors="replace")):
            named.append(path.parent / target)
    assert named, "the vendored Bootstrap and Chart.js name their source maps"
    assert [str(p) for p in named if not p.is_file()] == []


def test_collectstatic_with_a_manifest_storage_succeeds_into_an_empty_directory(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    # Django's manifest storage, which production's WhiteNoise storage extends with compression:
    # the same check of every file a CSS or JS file names, without a minute of Brotli on 2 cores.
    # bin/smoke-production runs the production storage itself.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    out = StringIO()

    call_command("collectstatic", "--no-input", stdout=out)

    manifest = (tmp_path / "staticfiles.json").read_text()
    assert re.search(r'"css/kis\.css": "css/kis\.[0-9a-f]{12}\.css"', manifest)
    assert re.search(
        r'"vendor/chartjs/chart\.umd\.min\.js": "vendor/chartjs/chart\.umd\.min\.[0-9a-f]{12}\.js"', manifest
    )
    assert list(tmp_path.glob("vendor/chartjs/chart.umd.min.js.*.map"))
