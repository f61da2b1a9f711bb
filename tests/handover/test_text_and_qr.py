"""The text summary and its QR code: the code served in the page decodes (zxing-cpp) back to
exactly the text summary, for a short walk and for a long walk with a diary, and it stays
small enough to scan from a phone's screen."""

import html
import re

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from apps.handover.qr import qr_version
from tests.handover.conftest import LONG, SHORT, diary_of, give_answers, walk_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("known_datetime")]

#: Version 27 is 125 modules a side: on a 390-px-wide phone screen (2x) the page draws it
#: about 18 rem wide, about 4 device pixels a module, which phone cameras read well. (25 until
#: 2026-12-06, when the first screens grew to 14 red flags and the text gained the document id
#: and the presenting complaint.)
MAX_VERSION = 27


def rasterise(svg: str, scale: int = 8) -> Image.Image:
    """Draw segno's SVG path (runs of dark modules: M/m moves, h runs, one unit high)."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    path = re.search(r'<path stroke="#000" d="([^"]+)"', svg).group(1)
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            row = int(y - 0.5)
            draw.rectangle(
                [x * scale, row * scale, (x + float(a)) * scale - 1, (row + 1) * scale - 1], fill=0
            )
            x += float(a)
    return image


def served(phone) -> tuple[str, str]:
    page = phone.get("/handover/").content.decode()
    text = html.unescape(re.search(r'<pre[^>]*id="handover-text"[^>]*>(.*?)</pre>', page, re.S)[1])
    svg = re.search(r'<svg role="img"[^>]*class="qr-code".*?</svg>', page, re.S)[0]
    return text, svg


def decode(svg: str) -> str:
    (result,) = zxingcpp.read_barcodes(rasterise(svg))
    assert result.format == zxingcpp.BarcodeFormat.QRCode
    return result.text


def test_short_walk(phone):
    give_answers(phone, walk_answers(SHORT))
    text, svg = served(phone)
    assert decode(svg) == text
    assert phone.get("/handover/lumpguide-summary.txt").content.decode() == text + "\n"
    assert "Advice (emergency)" in text and "saddle numbness" in text
    assert qr_version(text) <= MAX_VERSION


def test_long_walk_with_a_diary(phone, settings):
    settings.LUMPGUIDE_MAX_CHECK_INS_PER_DAY = 100
    give_answers(phone, walk_answers(LONG))
    diary_of(phone.device, [(1.5 + i / 10, i % 11) for i in range(70)])
    text, svg = served(phone)
    assert decode(svg) == text
    lines = text.splitlines()
    assert lines[0].startswith("LumpGuide summary for a clinician, made 15 Jan 2030")
    assert "Not a diagnosis." in lines[1]
    assert any(
        line.startswith("Red flags asked about, not reported: saddle numbness") for line in lines
    )
    assert any(line.startswith("Lump on the lower back: side of the lower back") for line in lines)
    assert any(line.startswith("Diary: 70 check-ins") for line in lines)
    assert "size 1.5 cm to 8.4 cm" in text
    assert qr_version(text) <= MAX_VERSION


def test_the_qr_code_has_no_style_attribute_and_a_name(phone):
    give_answers(phone, walk_answers(SHORT))
    _text, svg = served(phone)
    assert "style=" not in svg and "<title>" in svg and 'fill="#fff"' in svg


def test_the_qr_code_is_named_in_the_page_s_language(phone):
    give_answers(phone, walk_answers(SHORT))
    _text, svg = served(phone)
    assert "<title>QR code of the text summary above</title>" in svg
    phone.cookies["lumpguide_language"] = "es"
    _text, svg = served(phone)
    assert "<title>Código QR del resumen en texto de arriba</title>" in svg
