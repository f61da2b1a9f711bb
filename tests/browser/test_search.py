"""Search the causes online (the server) and offline (static/js/search.js over the cached page):
the same causes, in the same order."""

from playwright.sync_api import expect

from tests.browser.conftest import wait_for_service_worker

QUERIES = ["cyst", "bump near tailbone", "lipomma"]


def visible_causes(page) -> list[str]:
    return page.locator("[data-search-text]:visible a").all_inner_texts()


def search_online(page, query: str) -> list[str]:
    """Submit the form; HTMX swaps in the server's results (its status quotes the query)."""
    box = page.get_by_label("Search causes")
    box.fill(query)
    with page.expect_response(lambda response: "q=" in response.url and response.ok):
        box.press("Enter")
    expect(page.locator("[data-search-status]")).to_contain_text(f"“{query}”")
    return visible_causes(page)


def search_offline(page, query: str) -> list[str]:
    box = page.get_by_label("Search causes")
    box.fill(query)
    box.press("Enter")
    expect(page.locator("[data-search-status]")).not_to_contain_text("“")
    return visible_causes(page)


def test_search_gives_the_same_causes_online_and_offline(site, context, page, screenshot):
    page.goto(site + "/conditions/")
    wait_for_service_worker(page)
    online = {query: search_online(page, query) for query in QUERIES}
    assert len(online["cyst"]) == 5
    assert online["cyst"][0] == "Epidermoid cyst"
    assert online["bump near tailbone"][0] == "Pilonidal sinus"
    assert online["lipomma"][0] == "Lipoma"

    context.set_offline(True)
    page.goto(site + "/conditions/")  # the page the service worker stored, every cause on it
    assert len(page.locator("[data-search-text]").all()) == 22
    for query in QUERIES:
        assert search_offline(page, query) == online[query], query
    screenshot(page, "search-offline")
    # A search link opened offline: the stored list, ranked by the script.
    for query in QUERIES:
        page.goto(site + "/conditions/?" + f"q={query}".replace(" ", "+"))
        expect(page.locator("[data-search-status]")).not_to_be_empty()
        assert visible_causes(page) == online[query], query
    # An empty search shows every cause again, in the usual order.
    page.get_by_label("Search causes").fill("")
    assert len(visible_causes(page)) == 22
