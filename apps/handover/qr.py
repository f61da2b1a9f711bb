"""The QR code of the text summary, drawn on the server as SVG (segno): no JavaScript, no
style attribute (the CSP forbids inline styles), dark modules on a white square with the
quiet zone, so it scans in dark mode and on paper.

The text is UTF-8 with an ECI marker (segno.make(..., encoding="utf-8", eci=True)). Without
it segno writes text that ISO-8859-1 can hold (most Spanish summaries) as ISO-8859-1 with
nothing to say so, and readers guess: Debian's zbarimg read "diagnóstico" as "diagn鏀tico".
The marker costs 12 bits.

Error correction L (a code still reads with 7 % of it lost), not M (15 %): the code is read
off a phone's screen or a clean printed page, not scratched or torn, and L needs the fewest
modules for the text, so each module is as big as it can be at a given size. The sizes gained
matter: the long walk with 70 check-ins in Spanish needs version 26 at L (129 modules a side
with the quiet zone, 0.47 mm each at the printed 60 mm, static/css/app.css
--handover-qr-size) and 30 at M (145 modules, 0.41 mm), beyond what the page draws well on a
phone's screen (tests/handover/test_text_and_qr.py, MAX_VERSION); and the longest text the
form allows, every box ticked (tests/handover/longest.py: about 2,500 bytes in Spanish), fits a
QR code only at L (version 40 at M holds 2,331 bytes: a longer text was a 500). segno still
raises the level where that costs no extra size (boost_error)."""

import io

import segno
from django.utils.safestring import SafeString, mark_safe

#: Error correction L: see the module's docstring.
ERROR = "l"
#: The quiet zone, in modules, on every side: the four the QR standard asks for.
BORDER = 4


def qr_code(text: str) -> segno.QRCode:
    """The code the page draws (and the tests decode): UTF-8 with an ECI marker, level L."""
    return segno.make(text, encoding="utf-8", eci=True, error=ERROR, micro=False)


def qr_svg(text: str, *, title: str) -> SafeString:
    """An <svg> that scales to its box (no fixed size), with a title for screen readers."""
    out = io.BytesIO()
    qr_code(text).save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        omitsize=True,
        dark="#000",
        light="#fff",
        border=BORDER,
        title=title,
        svgclass="qr-code",
        lineclass=None,
    )
    svg = out.getvalue().decode()
    # segno escapes the title; the SVG is all its own making. role="img" for assistive tech.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308


def qr_png(text: str, *, scale: int = 4) -> bytes:
    """The same code as a PNG, `scale` pixels a module, with the same quiet zone (for a
    decoder that reads images, such as the tests' zbarimg)."""
    out = io.BytesIO()
    qr_code(text).save(out, kind="png", scale=scale, border=BORDER, dark="#000", light="#fff")
    return out.getvalue()


def qr_version(text: str) -> int:
    """The QR version (size) the text needs: tests keep it small enough to scan."""
    return qr_code(text).version


def modules_a_side(version: int) -> int:
    """The modules across a code of this version, with the quiet zone on both sides."""
    return 4 * version + 17 + 2 * BORDER
