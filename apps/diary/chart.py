"""The diary chart: size and pain over time as inline SVG, drawn on the server.

No JavaScript and no style attributes (the CSP forbids inline styles): colours and widths
are SVG presentation attributes. The chart is role="img" with a title and a description;
the page also shows the same numbers in a table.
"""

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from apps.diary.diary import size_cm
from apps.diary.models import CheckIn

WIDTH, HEIGHT = 340, 200
LEFT, RIGHT, TOP, BOTTOM = 36, 36, 16, 36
SIZE_COLOUR = "#005eb8"
PAIN_COLOUR = "#d5281b"


def _x(index: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT
    return LEFT + (inner / 2 if count == 1 else inner * index / (count - 1))


def _y(value: float, top_value: float) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (1 - value / top_value)


MAX_POINTS = 60


def summary(check_ins: list[CheckIn], *, total: int | None = None) -> str:
    """What the chart shows, in words. `check_ins` may be the latest part of `total`."""
    if not check_ins:
        return _("No check-ins yet.")
    total = total or len(check_ins)
    first, latest = check_ins[0], check_ins[-1]
    first_cm, latest_cm = size_cm(first), size_cm(latest)
    size_part = (
        _("size from about %(a)s cm to %(b)s cm") % {"a": f"{first_cm:g}", "b": f"{latest_cm:g}"}
        if first_cm is not None and latest_cm is not None
        else _("size not recorded every time")
    )
    shown = (
        _("The latest %(count)s of %(total)s check-ins") % {"count": len(check_ins), "total": total}
        if total > len(check_ins)
        else _("%(count)s check-ins") % {"count": total}
    )
    return _("%(shown)s from %(start)s to %(end)s: %(size)s, pain from %(p1)s to %(p2)s.") % {
        "shown": shown,
        "start": timezone.localtime(first.recorded_at).strftime("%-d %b"),
        "end": timezone.localtime(latest.recorded_at).strftime("%-d %b"),
        "size": size_part,
        "p1": first.pain,
        "p2": latest.pain,
    }


def _polyline(points: list[tuple[float, float]], colour: str, dash: str = "") -> SafeString:
    if not points:
        return mark_safe("")  # noqa: S308
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="4" fill="{}"/>',
        ((f"{x:.1f}", f"{y:.1f}", colour) for x, y in points),
    )
    dash_attr = format_html(' stroke-dasharray="{}"', dash) if dash else ""
    return format_html(
        '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"{}/>{}',
        coords,
        colour,
        dash_attr,
        dots,
    )


def _grid_line(fraction: float, top_cm: float) -> tuple:
    y = _y(fraction * top_cm, top_cm)
    return (
        LEFT,
        f"{y:.1f}",
        WIDTH - RIGHT,
        f"{y:.1f}",
        LEFT - 4,
        f"{y + 3:.1f}",
        f"{round(fraction * top_cm, 1):g}",
        WIDTH - RIGHT + 4,
        f"{y + 3:.1f}",
        round(fraction * 10),
    )


def chart_svg(
    check_ins: list[CheckIn], *, title_id: str, desc_id: str, total: int | None = None
) -> SafeString:
    """The chart of at most MAX_POINTS check-ins (the latest), whatever `total` is."""
    check_ins = check_ins[-MAX_POINTS:]
    count = len(check_ins)
    sizes = [size_cm(c) for c in check_ins]
    top_cm = max([6.0, *(s for s in sizes if s is not None)])
    size_points = [(_x(i, count), _y(s, top_cm)) for i, s in enumerate(sizes) if s is not None]
    pain_points = [(_x(i, count), _y(c.pain, 10)) for i, c in enumerate(check_ins)]
    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-opacity="0.2"/>'
        '<text x="{}" y="{}" font-size="10" text-anchor="end" fill="currentColor">{}</text>'
        '<text x="{}" y="{}" font-size="10" fill="currentColor">{}</text>',
        (_grid_line(f, top_cm) for f in (0, 0.5, 1)),
    )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="currentColor">{}</text>',
        (
            (
                f"{_x(i, count):.1f}",
                HEIGHT - BOTTOM + 14,
                timezone.localtime(c.recorded_at).strftime("%-d %b"),
            )
            for i, c in enumerate(check_ins)
            if count <= 6 or i in (0, count - 1)
        ),
    )
    legend = format_html(
        '<text x="{}" y="{}" font-size="11" fill="{}">{}</text>'
        '<text x="{}" y="{}" font-size="11" fill="{}" text-anchor="end">{}</text>',
        LEFT,
        HEIGHT - 6,
        SIZE_COLOUR,
        _("— size (cm, left)"),
        WIDTH - RIGHT,
        HEIGHT - 6,
        PAIN_COLOUR,
        _("- - pain (0–10, right)"),
    )
    return format_html(
        '<svg class="diary-chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{} {}" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}">{}</title><desc id="{}">{}</desc>{}{}{}{}{}</svg>',
        WIDTH,
        HEIGHT,
        title_id,
        desc_id,
        title_id,
        _("Size and pain of the lump over time"),
        desc_id,
        summary(check_ins, total=total),
        grid,
        _polyline(size_points, SIZE_COLOUR),
        _polyline(pain_points, PAIN_COLOUR, dash="5 4"),
        labels,
        legend,
    )
