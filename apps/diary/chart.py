"""The diary chart: size and pain over time as two small inline SVG charts, drawn on the server.

The two charts share the time axis (the same x for each check-in; the dates are written under
the lower one). They are drawn at the width a phone shows them (340 px, one user unit to one
CSS pixel), so their 17-unit labels are body-text size; on a wider page they only grow.

No JavaScript and no style attributes (the CSP forbids inline styles): the colours come from
classes in static/css/app.css (light, dark and print), with presentation attributes as the
fallback. Each chart is role="img" with a title and a description, the figure has a caption,
and the page shows the same numbers in a table. Points are placed by date, then moved apart
so no point hides another; size points are circles and pain points squares, and the dashed
"getting bigger" line is labelled, so nothing is said by colour alone.
"""

from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.diary.diary import GROWTH_CM, size_cm
from apps.diary.models import CheckIn
from lumpguide import numbers

WIDTH = 340
LEFT, RIGHT = 44, 16
SIZE_HEIGHT, PAIN_HEIGHT = 150, 176
TOP = 30  # room for the chart's own heading
AXIS = 40  # room for the dates under the lower chart
FONT = 17  # the body text's size (app.css: 1.0625rem)
KEY = 22  # the size chart's line for the key to the dashed "getting bigger" line
RADIUS = 5
SIZE_COLOUR = "#005eb8"
PAIN_COLOUR = "#d5281b"
MAX_POINTS = 60


def _date(check_in: CheckIn) -> str:
    return formats.date_format(timezone.localtime(check_in.recorded_at), "SHORT_MONTH_DAY_FORMAT")


def summary(check_ins: list[CheckIn], *, total: int | None = None) -> str:
    """What the charts show, in words. `check_ins` may be the latest part of `total`."""
    if not check_ins:
        return _("No check-ins yet.")
    total = total or len(check_ins)
    first, latest = check_ins[0], check_ins[-1]
    first_cm, latest_cm = size_cm(first), size_cm(latest)
    size_part = (
        _("size from about %(a)s cm to %(b)s cm")
        % {"a": numbers.decimal(first_cm), "b": numbers.decimal(latest_cm)}
        if first_cm is not None and latest_cm is not None
        else _("size not recorded every time")
    )
    if total > len(check_ins):
        shown = ngettext(
            "The latest %(count)s of %(total)s check-ins",
            "The latest %(count)s of %(total)s check-ins",
            len(check_ins),
        ) % {"count": len(check_ins), "total": total}
    else:
        shown = ngettext("%(count)s check-in", "%(count)s check-ins", total) % {"count": total}
    if len(check_ins) == 1:
        return _("%(shown)s, on %(start)s: %(size)s, pain %(p1)s out of 10.") % {
            "shown": shown,
            "start": _date(first),
            "size": (
                _("size about %(a)s cm") % {"a": numbers.decimal(first_cm)}
                if first_cm is not None
                else _("size not recorded")
            ),
            "p1": first.pain,
        }
    if _date(first) == _date(latest):  # not "from 6 Dec to 6 Dec" (issue 20)
        return _("%(shown)s on %(start)s: %(size)s, pain from %(p1)s to %(p2)s.") % {
            "shown": shown,
            "start": _date(first),
            "size": size_part,
            "p1": first.pain,
            "p2": latest.pain,
        }
    return _("%(shown)s from %(start)s to %(end)s: %(size)s, pain from %(p1)s to %(p2)s.") % {
        "shown": shown,
        "start": _date(first),
        "end": _date(latest),
        "size": size_part,
        "p1": first.pain,
        "p2": latest.pain,
    }


def x_positions(check_ins: list[CheckIn]) -> list[float]:
    """Each check-in's x: by its date, then moved apart so that no two points overlap (at
    least 2 * RADIUS + 2 apart, or the even spacing when there are too many for that)."""
    count = len(check_ins)
    left, right = LEFT + RADIUS + 2, WIDTH - RIGHT - RADIUS - 2
    if count == 1:
        return [(left + right) / 2]
    start = check_ins[0].recorded_at
    span = (check_ins[-1].recorded_at - start).total_seconds()
    xs = [
        left + (right - left) * ((c.recorded_at - start).total_seconds() / span if span else 0)
        for c in check_ins
    ]
    if not span:
        xs = [left + (right - left) * i / (count - 1) for i in range(count)]
    gap = min(2 * RADIUS + 2, (right - left) / (count - 1))
    for i in range(1, count):
        xs[i] = max(xs[i], xs[i - 1] + gap)
    xs[-1] = min(xs[-1], right)
    for i in range(count - 2, -1, -1):
        xs[i] = min(xs[i], xs[i + 1] - gap)
    return xs


@dataclass(frozen=True)
class _Plot:
    """One chart's frame: its height, the plotting area, and the value at the top."""

    height: int
    bottom: int
    top_value: float

    def y(self, value: float) -> float:
        return TOP + (self.height - TOP - self.bottom) * (1 - value / self.top_value)


def _grid(plot: _Plot, values: list[float], unit: str) -> SafeString:
    return format_html_join(
        "",
        '<line class="chart-grid" x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" '
        'stroke-opacity="0.25"/>'
        '<text class="chart-text" x="{}" y="{}" font-size="{}" text-anchor="end" '
        'fill="currentColor">{}{}</text>',
        (
            (
                LEFT,
                f"{plot.y(v):.1f}",
                WIDTH - RIGHT,
                f"{plot.y(v):.1f}",
                LEFT - 6,
                f"{plot.y(v) + 6:.1f}",
                FONT,
                numbers.decimal(v),
                unit,
            )
            for v in values
        ),
    )


def _line(points: list[tuple[float, float]], css: str, colour: str) -> SafeString:
    if len(points) < 2:
        return mark_safe("")  # noqa: S308
    return format_html(
        '<polyline class="{}" points="{}" fill="none" stroke="{}" stroke-width="2.5"/>',
        css,
        " ".join(f"{x:.1f},{y:.1f}" for x, y in points),
        colour,
    )


def _heading(text: str) -> SafeString:
    return format_html(
        '<text class="chart-text chart-heading" x="0" y="{}" font-size="{}" font-weight="600" '
        'fill="currentColor">{}</text>',
        FONT,
        FONT,
        text,
    )


def _svg(*, height: int, title_id: str, desc_id: str, title: str, desc: str, body) -> SafeString:
    return format_html(
        '<svg class="diary-chart" width="{}" height="{}" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{} {}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}">{}</title><desc id="{}">{}</desc>{}</svg>',
        WIDTH,
        height,
        WIDTH,
        height,
        title_id,
        desc_id,
        title_id,
        title,
        desc_id,
        desc,
        body,
    )


def point_radius(xs: list[float]) -> float:
    """RADIUS, or smaller when the points are closer than 2 * RADIUS + 2: never overlapping."""
    gaps = [b - a for a, b in zip(xs, xs[1:], strict=False)]
    return max(1.5, min(RADIUS, (min(gaps, default=99) - 2) / 2))


def _size_chart(check_ins: list[CheckIn], xs: list[float], prefix: str) -> SafeString:
    sizes = [size_cm(c) for c in check_ins]
    known = [s for s in sizes if s is not None]
    first = next((s for s in sizes if s is not None), None)
    threshold = first + GROWTH_CM if first is not None else None
    top = max([6.0, *known, *([threshold] if threshold else [])])
    plot = _Plot(SIZE_HEIGHT, 12, top)
    points = [(x, plot.y(s)) for x, s in zip(xs, sizes, strict=True) if s is not None]
    marks = format_html_join(
        "",
        '<circle class="chart-size-point" cx="{}" cy="{}" r="{}" fill="{}" stroke-width="2"/>',
        ((f"{x:.1f}", f"{y:.1f}", f"{point_radius(xs):g}", SIZE_COLOUR) for x, y in points),
    )
    line = key = mark_safe("")  # noqa: S308
    if threshold is not None:
        y = plot.y(threshold)
        line = format_html(
            '<line class="chart-threshold" x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" '
            'stroke-width="1.5" stroke-dasharray="6 4"/>',
            LEFT,
            f"{y:.1f}",
            WIDTH - RIGHT,
            f"{y:.1f}",
        )
        # Its label is a key on its own line under the heading, with a piece of the dashed
        # line: drawn on the line itself, the data crossed it (issue 20)
        key = format_html(
            '<line class="chart-threshold" x1="0" y1="{}" x2="24" y2="{}" stroke="currentColor" '
            'stroke-width="1.5" stroke-dasharray="6 4"/>'
            '<text class="chart-text" x="30" y="{}" font-size="{}" fill="currentColor">{}</text>',
            FONT + KEY - 5,
            FONT + KEY - 5,
            FONT + KEY,
            FONT,
            _("bigger from %(cm)s cm") % {"cm": numbers.decimal(threshold)},
        )
    desc = (
        "; ".join(
            _("%(date)s: %(size)s")
            % {
                "date": _date(c),
                "size": _("%(cm)s cm") % {"cm": numbers.decimal(s)}
                if s is not None
                else _("not recorded"),
            }
            for c, s in zip(check_ins, sizes, strict=True)
        )
        + ". "
        + (
            _("Getting bigger means %(cm)s cm or more (the first size and half a centimetre).")
            % {"cm": numbers.decimal(threshold)}
            if threshold is not None
            else ""
        )
    )
    shift = KEY if threshold is not None else 0
    body = format_html(
        '{}{}<g transform="translate(0 {})">{}{}{}{}</g>',
        _heading(_("Size (cm, longest side)")),
        key,
        shift,
        _grid(plot, [0, top / 2, top], ""),
        line,
        _line(points, "chart-size-line", SIZE_COLOUR),
        marks,
    )
    return _svg(
        height=SIZE_HEIGHT + shift,
        title_id=f"{prefix}-size-title",
        desc_id=f"{prefix}-size-desc",
        title=_("Size of the lump over time"),
        desc=desc.strip(),
        body=body,
    )


def _pain_chart(check_ins: list[CheckIn], xs: list[float], prefix: str) -> SafeString:
    plot = _Plot(PAIN_HEIGHT, AXIS, 10)
    points = [(x, plot.y(c.pain)) for x, c in zip(xs, check_ins, strict=True)]
    side = round(2 * point_radius(xs) - 1, 1)
    marks = format_html_join(
        "",
        '<rect class="chart-pain-point" x="{}" y="{}" width="{}" height="{}" fill="{}" '
        'stroke-width="2"/>',
        (
            (f"{x - side / 2:.1f}", f"{y - side / 2:.1f}", side, side, PAIN_COLOUR)
            for x, y in points
        ),
    )
    # One date under a single point; else the first and last dates at the chart's edges, so
    # they never run off it.
    if len(check_ins) == 1:
        labels = [(f"{xs[0]:.1f}", "middle", _date(check_ins[0]))]
    else:
        labels = [
            (LEFT, "start", _date(check_ins[0])),
            (WIDTH - RIGHT, "end", _date(check_ins[-1])),
        ]
    dates = format_html_join(
        "",
        '<text class="chart-text" x="{}" y="{}" font-size="{}" text-anchor="{}" '
        'fill="currentColor">{}</text>',
        ((x, PAIN_HEIGHT - 12, FONT, anchor, text) for x, anchor, text in labels),
    )
    desc = "; ".join(
        _("%(date)s: %(pain)s out of 10") % {"date": _date(c), "pain": c.pain} for c in check_ins
    )
    body = format_html(
        "{}{}{}{}{}",
        _heading(_("Pain (0 to 10)")),
        _grid(plot, [0, 5, 10], ""),
        _line(points, "chart-pain-line", PAIN_COLOUR),
        marks,
        dates,
    )
    return _svg(
        height=PAIN_HEIGHT,
        title_id=f"{prefix}-pain-title",
        desc_id=f"{prefix}-pain-desc",
        title=_("Pain over time"),
        desc=desc + ".",
        body=body,
    )


def chart_svg(check_ins: list[CheckIn], *, prefix: str = "chart") -> SafeString:
    """The two charts (size above pain) of at most MAX_POINTS check-ins (the latest)."""
    check_ins = check_ins[-MAX_POINTS:]
    if not check_ins:
        return mark_safe("")  # noqa: S308
    xs = x_positions(check_ins)
    return format_html(
        '<div class="diary-charts">{}{}</div>',
        _size_chart(check_ins, xs, prefix),
        _pain_chart(check_ins, xs, prefix),
    )
