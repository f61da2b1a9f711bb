"""A `{# #}` comment ends on its own line in Django's templates: one spread over two lines is
printed on the page (a walk found a developer's note on "Your data", in English on the Spanish
page too). Longer notes use {% comment %}."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_template_has_a_comment_over_two_lines():
    templates = [*ROOT.glob("apps/*/templates/**/*.html"), *ROOT.glob("templates/**/*.html")]
    assert len(templates) > 20
    open_comments = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in templates
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if line.count("{#") > line.count("#}")
    ]
    assert open_comments == []
