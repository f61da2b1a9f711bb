"""The QR code of the text summary, drawn on the server as SVG (segno): no JavaScript, no
style attribute (the CSP forbids inline styles), dark modules on a white square with the
quiet zone, so it scans in dark mode and on paper."""

import io

import segno
from django.utils.safestring import SafeString, mark_safe

#: Error correction M (15 %): enough for a phone screen's glare; segno raises it when that
#: costs no extra size.
ERROR = "m"


def qr_svg(text: str, *, title: str) -> SafeString:
    """An <svg> that scales to its box (no fixed size), with a title for screen readers."""
    code = segno.make(text, error=ERROR, micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        omitsize=True,
        dark="#000",
        light="#fff",
        border=4,
        title=title,
        svgclass="qr-code",
        lineclass=None,
    )
    svg = out.getvalue().decode()
    # segno escapes the title; the SVG is all its own making. role="img" for assistive tech.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308


def qr_version(text: str) -> int:
    """The QR version (size) the text needs: tests keep it small enough to scan."""
    return segno.make(text, error=ERROR, micro=False).version
