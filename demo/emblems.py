"""A stand-in logo strip for the demo projects: a plain image naming where the funder's emblems go
(the real emblems are the funder's, and each club uploads its own set)."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _font(size: int):
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default(size=size)


def logo_strip() -> ContentFile:
    """A 1200 × 140 PNG with three labelled boxes, as the funders' strips are laid out."""
    image = Image.new("RGB", (1200, 140), "white")
    draw = ImageDraw.Draw(image)
    labels = [
        f"{name}\n(logo demonstracyjne)"
        for name in ("Fundusze Europejskie", "Rzeczpospolita Polska", "Unia Europejska")
    ]
    for index, label in enumerate(labels):
        left = 20 + index * 395
        draw.rectangle((left, 15, left + 370, 125), outline="#1f3a93", width=3)
        draw.multiline_text((left + 185, 70), label, fill="#1f3a93", font=_font(22), anchor="mm", align="center")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="emblem.png")
