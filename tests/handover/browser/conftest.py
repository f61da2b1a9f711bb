"""The browser fixtures of tests/browser (Chromium at a phone's size, the live server, axe in
light and dark mode, the error watcher), for the hand-over's browser tests."""

import pytest

from tests.browser.conftest import (  # noqa: F401 (fixtures)
    artifacts,
    axe,
    browser,
    check_accessibility,
    context,
    page,
    playwright_instance,
    screenshot,
    site,
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/handover/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
