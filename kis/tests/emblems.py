"""A project's logo strip for the tests of documents that print the funding emblems, and the
images a PDF holds, read back with ``pdfimages -list``."""

import io
import subprocess

from django.core.files.base import ContentFile

STRIP_SIZE = (300, 40)
STATEMENT = "Projekt współfinansowany ze środków Unii Europejskiej w ramach Europejskiego Funduszu Społecznego Plus"


def png_strip() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", STRIP_SIZE, (0, 51, 153)).save(buffer, format="PNG")
    return buffer.getvalue()


def give_emblem(project, *, statement: str = STATEMENT):
    """Store a PNG logo strip (in private storage: use a ``private_media`` fixture) and the
    co-financing statement on ``project``."""
    project.emblem.save("emblem.png", ContentFile(png_strip()), save=False)
    project.cofinancing_statement = statement
    project.save(update_fields=["emblem", "cofinancing_statement"])
    return project


def pdf_images(content: bytes, tmp_path) -> list[tuple[int, int, int]]:
    """(page, width, height) of each image in the PDF."""
    path = tmp_path / "images.pdf"
    path.write_bytes(content)
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    return [(int(row[0]), int(row[3]), int(row[4])) for row in rows]


def pdf_text(content: bytes, tmp_path) -> str:
    """The PDF's text, runs of whitespace as one space."""
    path = tmp_path / "text.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())
