"""PDF rendering with WeasyPrint from the same templates the browser sees.

WeasyPrint gets a URL fetcher that serves files from ``static/`` on disk and refuses everything
else (no network, no other ``file://`` path), so a document can never pull in outside content.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

STATIC_PREFIX = "kis-static:/"


class FetchRefused(ValueError):
    pass


def _static_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticURLFetcher(URLFetcher):
        """Serve ``kis-static:/path`` from the static directories and inline PNG and JPEG data; refuse
        any other URL."""

        def __init__(self):
            super().__init__(fail_on_errors=False)

        def fetch(self, url, headers=None):
            if url.startswith(("data:image/png;base64,", "data:image/jpeg;base64,")):
                return super().fetch(url, headers)  # inline images: a drawn signature, a logo strip
            if not url.startswith(STATIC_PREFIX):
                raise FetchRefused(f"refused to fetch {url!r} while rendering a PDF")
            relative = url[len(STATIC_PREFIX) :].lstrip("/")
            for root in settings.STATICFILES_DIRS:
                root = Path(root).resolve()
                path = (root / relative).resolve()
                if path.is_relative_to(root) and path.is_file():
                    mime_type, _encoding = mimetypes.guess_type(path.name)
                    return URLFetcherResponse(
                        url, path.read_bytes(), {"Content-Type": mime_type or "application/octet-stream"}
                    )
            raise FetchRefused(f"no static file {relative!r}")

    return StaticURLFetcher


def render_pdf(template_name: str, context: dict, *, language: str | None = None) -> bytes:
    """Render a template to PDF bytes (about 0.2 s per page: keep long documents off requests)."""
    from weasyprint import HTML  # imported lazily: loading Pango takes a moment

    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        html = render_to_string(template_name, {**context, "pdf": True, "STATIC_PDF": STATIC_PREFIX})
    return HTML(string=html, base_url=STATIC_PREFIX, url_fetcher=_static_fetcher_class()()).write_pdf()


def warm_up() -> None:
    """Load WeasyPrint and lay out a page with the print stylesheet and its fonts, so that the first
    document a fresh task worker makes does not wait for that (about half a second)."""
    from weasyprint import HTML

    page = (
        f'<!DOCTYPE html><html lang="pl"><head><link rel="stylesheet" href="{STATIC_PREFIX}css/print.css">'
        "</head><body><h1>KIS</h1><table><tr><td>1</td></tr></table></body></html>"
    )
    HTML(string=page, base_url=STATIC_PREFIX, url_fetcher=_static_fetcher_class()()).write_pdf()
