"""The diary's two charts: size and pain sharing the time axis, labels at body-text size,
points that never hide each other, the "getting bigger" line, plurals, text alternatives."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from apps.diary import chart
from apps.diary.diary import GROWTH_CM
from tests.diary.conftest import make_check_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("known_datetime")]

START = dt.datetime(2030, 1, 1, 9, 0, tzinfo=dt.UTC)


def check_ins(device, sizes_and_pains, *, every=dt.timedelta(days=2)):
    return [
        make_check_in(
            device,
            size_cm=Decimal(str(size)) if size is not None else None,
            pain=pain,
            recorded_at=START + every * i,
        )
        for i, (size, pain) in enumerate(sizes_and_pains)
    ]


def svgs(html: str) -> list[str]:
    return re.findall(r"<svg.*?</svg>", html, re.DOTALL)


def test_two_charts_share_the_time_axis(device):
    rows = check_ins(device, [(1.5, 2), (2.0, 4), (3.0, 7)])
    size_svg, pain_svg = svgs(chart.chart_svg(rows, prefix="t"))
    size_x = re.findall(r'<circle class="chart-size-point" cx="([\d.]+)"', size_svg)
    rect = r'<rect class="chart-pain-point" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"'
    pain = re.findall(rect, pain_svg)
    pain_x = [f"{float(x) + float(w) / 2:.1f}" for x, w in pain]
    assert len(size_x) == 3 and size_x == pain_x
    # Dates are written once, under the lower chart.
    assert "1 Jan" in pain_svg and "5 Jan" in pain_svg
    assert "1 Jan" not in re.sub(r"<desc.*?</desc>", "", size_svg)


def test_labels_are_body_text_size_and_drawn_one_to_one(device):
    rows = check_ins(device, [(1.5, 2), (2.5, 3)])
    for svg in svgs(chart.chart_svg(rows)):
        sizes = {int(s) for s in re.findall(r'font-size="(\d+)"', svg)}
        assert sizes and min(sizes) >= 17
        width = re.search(r'<svg[^>]* width="(\d+)"', svg).group(1)
        assert re.search(rf'viewBox="0 0 {width} \d+"', svg)
        assert "style=" not in svg and "<script" not in svg


def test_points_never_overlap_even_on_the_same_day(device):
    rows = check_ins(device, [(2.0, 3)] * 8, every=dt.timedelta(minutes=1))
    rows += check_ins(device, [(2.5, 5)], every=dt.timedelta(days=30))
    xs = chart.x_positions(sorted(rows, key=lambda c: c.recorded_at))
    gaps = [b - a for a, b in zip(xs, xs[1:], strict=False)]
    assert min(gaps) >= 2 * chart.RADIUS + 2
    assert xs[0] >= chart.LEFT and xs[-1] <= chart.WIDTH - chart.RIGHT


def test_sixty_points_still_fit_and_keep_their_order(device, settings):
    settings.LUMPGUIDE_MAX_CHECK_INS_PER_DAY = 100
    rows = check_ins(device, [(2.0, i % 11) for i in range(60)], every=dt.timedelta(hours=1))
    xs = chart.x_positions(rows)
    assert xs == sorted(xs) and len(set(xs)) == 60
    gaps = [b - a for a, b in zip(xs, xs[1:], strict=False)]
    assert 2 * chart.point_radius(xs) < min(gaps)  # smaller points, still apart
    assert xs[-1] <= chart.WIDTH - chart.RIGHT


def test_the_getting_bigger_line_is_drawn_and_labelled(device):
    rows = check_ins(device, [(2.0, 2), (2.2, 2)])
    size_svg = svgs(chart.chart_svg(rows))[0]
    threshold = 2.0 + GROWTH_CM
    assert 'class="chart-threshold"' in size_svg and 'stroke-dasharray="6 4"' in size_svg
    assert f"bigger from {threshold:g} cm" in size_svg
    assert f"{threshold:g} cm or more" in size_svg  # in the description too


@pytest.mark.parametrize(("count", "words"), [(1, "1 check-in,"), (2, "2 check-ins from")])
def test_caption_plurals(device, count, words):
    rows = check_ins(device, [(2.0, 3)] * count)
    text = chart.summary(rows)
    assert words in text and "1 check-ins" not in text


def test_the_latest_of_many(device):
    rows = check_ins(device, [(2.0, 3)] * 3)
    assert chart.summary(rows[-2:], total=3).startswith("The latest 2 of 3 check-ins")


def test_each_chart_describes_its_numbers(device):
    rows = check_ins(device, [(1.5, 2), (None, 6)])
    size_svg, pain_svg = svgs(chart.chart_svg(rows, prefix="p"))
    size_desc = re.search(r'<desc id="p-size-desc">(.*?)</desc>', size_svg).group(1)
    pain_desc = re.search(r'<desc id="p-pain-desc">(.*?)</desc>', pain_svg).group(1)
    assert "1 Jan: 1.5 cm" in size_desc and "3 Jan: not recorded" in size_desc
    assert "1 Jan: 2 out of 10" in pain_desc and "3 Jan: 6 out of 10" in pain_desc


def test_no_check_ins_no_chart():
    assert chart.chart_svg([]) == ""


def test_check_ins_on_one_day_are_said_on_that_day(device):
    """Not "2 check-ins from 1 Jan to 1 Jan" (issue 20)."""
    rows = check_ins(device, [(2.0, 3), (2.5, 4)], every=dt.timedelta(hours=2))
    assert (
        chart.summary(rows)
        == "2 check-ins on 1 Jan: size from about 2 cm to 2.5 cm, pain from 3 to 4."
    )


@pytest.mark.parametrize(
    "sizes", [[(2.0, 2), (2.5, 2)], [(1.0, 1), (1.5, 1), (6.0, 1)], [(3.0, 1)]]
)
def test_the_getting_bigger_label_sits_above_the_plot_never_on_the_data(device, sizes):
    """Drawn on the dashed line, the label was crossed by the size line (issue 20): it is a
    key under the heading, and every point and grid line is below it."""
    size_svg = svgs(chart.chart_svg(check_ins(device, sizes)))[0]
    label = re.search(r'<text[^>]*y="([0-9.]+)"[^>]*>bigger from', size_svg)
    assert label and float(label.group(1)) <= chart.FONT + chart.KEY
    plot = re.search(r'<g transform="translate\(0 ([0-9]+)\)">(.*)</g>', size_svg, re.S)
    shift = int(plot.group(1))
    ys = [float(y) for y in re.findall(r'(?:cy|y1|y2)="([0-9.]+)"', plot.group(2))]
    assert min(ys) + shift > float(label.group(1))
