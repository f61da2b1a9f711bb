"""Markdown to safe HTML for articles: render, then sanitise with nh3."""

from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "br", "blockquote", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "h2": {"id"}, "h3": {"id"}}
SPLIT_HEADING = "<h2"


@lru_cache(maxsize=128)
def to_safe_html(text: str) -> str:
    """The same text always gives the same HTML, so each body is rendered once per process:
    loading the articles again (load_articles, and the tests, which load them for each test)
    costs no Markdown."""
    html = markdown.markdown(text, extensions=["toc"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http", "mailto"},
        link_rel="noopener noreferrer",
    )


def split_before_section(html: str, heading_prefix: str) -> tuple[str, str]:
    """Split rendered HTML just before the <h2> whose text starts with heading_prefix."""
    position = 0
    while (position := html.find(SPLIT_HEADING, position)) != -1:
        end = html.find(">", position) + 1
        if html[end:].startswith(heading_prefix):
            return html[:position], html[position:]
        position = end
    return html, ""
