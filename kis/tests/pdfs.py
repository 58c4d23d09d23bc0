"""Small PDFs written byte by byte for the tests of uploads: a plain one-page document, and the
same with whatever a test adds to its catalogue or as further objects (scripts, embedded files)."""


def pdf(*objects: bytes, padding: int = 0) -> bytes:
    """A PDF of ``objects`` (object 1 is the catalogue), with a correct cross-reference table;
    ``padding`` bytes of a comment make it as large as a test needs."""
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    if padding:
        out += b"%" + b"0" * padding + b"\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def one_page(catalog: bytes = b"", page: bytes = b"", *more: bytes, padding: int = 0) -> bytes:
    """A one-page PDF; ``catalog`` and ``page`` add entries to those dictionaries, ``more`` adds
    objects numbered from 4."""
    return pdf(
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + page + b">>",
        *more,
        padding=padding,
    )


PLAIN_PDF = one_page()


def one_page_of_size(size: int) -> bytes:
    """A plain one-page PDF of exactly ``size`` bytes (padded with a comment)."""
    padding = size - len(PLAIN_PDF) - 2  # the comment's "%" and newline
    content = one_page(padding=padding)
    content = one_page(padding=padding - (len(content) - size))  # the longer startxref number
    assert len(content) == size
    return content
