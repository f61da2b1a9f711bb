"""Article search: one matching and ranking, the same on the server and offline.

The rules are in apps/conditions/search.py; static/js/search.js is its port, held equal by
tests/conditions/search_vectors.json (tests/js/search.test.js)."""

import importlib.util
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from apps.conditions import search
from apps.conditions.models import Article
from lumpguide import fast_yaml
from tests.conftest import CONTENT_DIR, held_for_the_module

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "make_search_vectors.py"
SEARCH_JS = ROOT / "static" / "js" / "search.js"
#: The shipped English articles: the 14 first contract slugs and the 4 look-alikes of 2026-12-06.
ARTICLES = 22
ITEM = re.compile(
    r'<li data-search-text="([^"]*)" data-search-order="(\d+)">\s*<a href="([^"]+)">([^<]*)</a>'
)
WORDS_BLOCK = re.compile(r'<script id="search-words" type="application/json">(.*?)</script>')


def load_script():
    spec = importlib.util.spec_from_file_location("make_search_vectors", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def listed(html: str) -> list[str]:
    """The causes a page lists, in order, as their URLs."""
    return [match[2] for match in ITEM.findall(html)]


# --- The shared vectors ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built() -> tuple:
    """The script and one build of the vectors, for both tests below (a build takes
    seconds)."""
    script = load_script()
    return script, script.build_vectors()


def test_vectors_file_is_up_to_date(built):
    script, vectors = built
    expected = script.render(vectors)
    actual = script.VECTORS_PATH.read_text(encoding="utf-8")
    assert actual == expected, "run: .venv/bin/python scripts/make_search_vectors.py"


def test_vectors_are_well_formed_and_varied(built):
    """(Deterministic they are as test_vectors_file_is_up_to_date finds them: the file was
    written by another process, another hash seed, and this build is the same byte for byte.)"""
    script, first = built
    assert json.loads(script.render(first)) == first
    cases = first["cases"]
    assert len(cases) >= 400
    assert {len(case["ranked"]) for case in cases} == set(range(ARTICLES + 1))
    assert sum(not case["terms"] for case in cases) >= 10  # empty and all-stop-word queries
    assert any(len(case["terms"]) == search.MAX_TERMS for case in cases)


# --- The issue's queries, on the server ----------------------------------------------------------


@pytest.fixture(scope="module")
def shipped_articles(django_db_setup, django_db_blocker):
    """The shipped articles, loaded once for this module's tests (each test runs on top of
    them in a savepoint: what it changes is gone for the next)."""
    from apps.conditions.services import load_articles

    with held_for_the_module(django_db_blocker):
        load_articles(content_dir=CONTENT_DIR / "conditions")
        yield


@pytest.fixture
def real_articles(shipped_articles, db):
    """As tests/conftest.py's, loaded once for the module."""
    return Article.objects.all()


def server_list(client, query: str) -> list[str]:
    return listed(client.get("/conditions/", {"q": query}).content.decode())


@pytest.mark.django_db
def test_bump_near_tailbone_puts_pilonidal_sinus_first(client, real_articles):
    assert server_list(client, "bump near tailbone")[0] == "/conditions/pilonidal-sinus/"
    assert server_list(client, "tailbone")[0] == "/conditions/pilonidal-sinus/"


@pytest.mark.django_db
def test_a_one_letter_typo_is_forgiven(client, real_articles):
    assert server_list(client, "lipomma")[0] == "/conditions/lipoma/"
    assert server_list(client, "abcess")[0] == "/conditions/skin-abscess/"


@pytest.mark.django_db
def test_every_word_counts_and_body_text_is_searched(client, real_articles):
    cyst = server_list(client, "cyst")
    assert cyst[:2] == ["/conditions/epidermoid-cyst/", "/conditions/pilonidal-sinus/"]
    assert len(cyst) == 5  # three only mention a cyst in their body
    # Not every word is needed: "zzzz" matches nothing but does not hide the cysts.
    assert server_list(client, "cyst zzzz") == cyst
    # More words matched ranks higher: a red, hot lump is cellulitis or an abscess.
    assert set(server_list(client, "red hot lump")[:2]) == {
        "/conditions/cellulitis/",
        "/conditions/skin-abscess/",
    }


@pytest.mark.django_db
def test_synonyms_find_the_medical_words(client, real_articles):
    assert server_list(client, "boil")[0] == "/conditions/skin-abscess/"
    assert server_list(client, "bruise")[0] == "/conditions/haematoma/"
    assert server_list(client, "mole") == ["/conditions/skin-cancer/"]
    assert server_list(client, "fatty lump")[0] == "/conditions/lipoma/"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "   ", "lump", "a lump on my lower back", "near the"])
def test_an_empty_or_stop_word_query_shows_every_article(client, real_articles, query):
    every = server_list(client, "")
    published = Article.objects.filter(status=Article.Status.PUBLISHED, language="en")
    assert len(every) == published.count() == ARTICLES
    assert server_list(client, query) == every


@pytest.mark.django_db
def test_accents_and_case_are_folded(client, real_articles):
    assert server_list(client, "ÉPIDERMOÏD")[0] == "/conditions/epidermoid-cyst/"
    assert server_list(client, "CYSTS") == server_list(client, "cyst")


# --- Online and offline give the same list -----------------------------------------------------


def rank_in_node(html: str, queries: list[str]) -> dict[str, list[str]]:
    """static/js/search.js over the page's own data (its list and its words block), as the
    page does offline: the causes each query shows, in order."""
    if shutil.which("node") is None:
        pytest.skip("node is needed to run static/js/search.js")
    items = sorted(ITEM.findall(html), key=lambda item: int(item[1]))
    data = {
        "script": str(SEARCH_JS),
        "words": json.loads(WORDS_BLOCK.search(html).group(1)),
        "items": [{"text": text, "url": url} for text, _, url, _ in items],
        "queries": queries,
    }
    program = """
        const data = JSON.parse(require("fs").readFileSync(0, "utf8"));
        const LumpSearch = require(data.script);
        const indexes = data.items.map((item) => LumpSearch.parseSearchText(item.text));
        const out = {};
        for (const query of data.queries) {
          out[query] = LumpSearch.rank(query, indexes, data.words).map((p) => data.items[p].url);
        }
        process.stdout.write(JSON.stringify(out));
    """
    result = subprocess.run(
        ["node", "-e", program],
        input=json.dumps(data),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


@pytest.mark.django_db
def test_the_page_ranks_offline_as_the_server_does(client, real_articles):
    queries = ["cyst", "bump near tailbone", "lipomma", "pus", "red hot lump", "lump", "zzzz"]
    page = client.get("/conditions/").content.decode()  # what the service worker stores
    assert len(ITEM.findall(page)) == ARTICLES
    offline = rank_in_node(page, queries)
    for query in queries:
        assert offline[query] == server_list(client, query), query
    assert len(offline["cyst"]) == 5


@pytest.mark.django_db
def test_the_page_carries_each_articles_search_index(client, real_articles):
    html = client.get("/conditions/").content.decode()
    words = json.loads(WORDS_BLOCK.search(html).group(1))
    assert words == search.load_words()
    with_cyst = set()
    for text, _, url, _ in ITEM.findall(html):
        index = search.parse_search_text(text)
        assert set(index) == set(search.FIELDS) and all(index.values()), url
        if any("cyst" in tokens for tokens in index.values()):
            with_cyst.add(url)
    assert with_cyst == set(server_list(client, "cyst"))
    # Sensible weight: about 1.5 KB of words per article.
    assert sum(len(text) for text, *_ in ITEM.findall(html)) < ARTICLES * 2000


# --- The synonyms file ----------------------------------------------------------------------


def shipped_vocabulary(words, language: str = "en") -> set[str]:
    """Every searchable word of the shipped articles in `language`."""
    from apps.conditions.services import read_article_directory

    vocabulary = set()
    for data in read_article_directory(content_dir=CONTENT_DIR / "conditions"):
        if data.language != language:
            continue
        fields = {
            "title": data.title,
            "keywords": "\n".join(data.keywords),
            "summary": data.summary,
            "body": search.plain_text(data.body),
        }
        for tokens in search.index_article(fields, words).values():
            vocabulary.update(tokens)
    return vocabulary


def test_every_synonym_target_appears_in_some_article():
    words = search.load_words()
    vocabulary = shipped_vocabulary(words)
    for key, alternatives in words["synonyms"].items():
        for alternative in alternatives:
            missing = [token for token in alternative if token not in vocabulary]
            assert not missing, f"synonyms.yaml: {key} -> {' '.join(alternative)}: {missing}"


def test_every_synonym_has_a_one_line_comment():
    lines = search.SYNONYMS_PATH.read_text(encoding="utf-8").splitlines()
    start = lines.index("synonyms:")
    for number, line in enumerate(lines[start + 1 :], start + 1):
        if re.match(r"  [^ #].*:", line):
            above = lines[number - 1]
            assert above.startswith("  # ") and len(above) > 6, f"line {number + 1}: {line}"
    raw = fast_yaml.safe_load(search.SYNONYMS_PATH.read_text(encoding="utf-8"))
    assert len(raw["synonyms"]) == len(search.load_words()["synonyms"]) >= 30


def test_the_issues_everyday_words_are_covered():
    words = search.load_words()
    synonyms, stop = words["synonyms"], set(words["stop_words"])
    assert {"lump", "bump", "near", "on", "my", "in", "of", "the"} <= stop
    assert ["pilonidal"] in synonyms["tailbone"] and ["coccyx"] in synonyms["tailbone"]
    assert ["abscess"] in synonyms["boil"]
    assert ["lipoma"] in synonyms["fatty"]
    assert ["melanoma"] in synonyms["mole"]
    assert ["epidermoid"] in synonyms["cyst"]
    assert {"pus", "spot"} <= set(synonyms)


@pytest.mark.parametrize(
    "raw",
    [
        None,
        [],
        {"stop_words": []},
        {"stop_words": {}, "synonyms": {}},
        {"stop_words": ["two words"], "synonyms": {}},
        {"stop_words": [False], "synonyms": {}},  # an unquoted "no", "on" or "off"
        {"stop_words": ["x"], "synonyms": {}},
        {"stop_words": ["near"], "synonyms": {"near": ["close"]}},
        {"stop_words": [], "synonyms": {"bump": []}},
        {"stop_words": [], "synonyms": {"bump": "lump"}},
        {"stop_words": ["the"], "synonyms": {"bump": ["the"]}},
        {"stop_words": [], "synonyms": {"two words": ["lump"]}},
        {"stop_words": [], "synonyms": {"Boil": ["abscess"], "boils": ["abscess"]}},
    ],
)
def test_a_malformed_synonyms_file_is_refused(raw):
    with pytest.raises(search.SynonymsError):
        search.prepare_words(raw)


# --- The pure functions -----------------------------------------------------------------------


def test_tokenize_folds_splits_and_drops_plurals():
    assert search.tokenize("Épidermoïd CYSTS, pus-filled; it's 5cm") == [
        "epidermoid", "cyst", "pus", "filled", "it", "5cm",
    ]  # fmt: skip
    assert search.tokenize("abscess sinus discitis lipomas buttocks") == [
        "abscess", "sinus", "discitis", "lipoma", "buttock",
    ]  # fmt: skip
    assert search.tokenize("a b under_score") == ["under", "score"]


@pytest.mark.parametrize(
    ("a", "b", "result"),
    [
        ("lipoma", "lipomma", True),
        ("lipoma", "lipma", True),
        ("lipoma", "lipona", True),
        ("lipoma", "lipoam", True),
        ("lipoma", "lipoma", True),
        ("lipoma", "lpioam", False),
        ("lipoma", "lipomaaa", False),
        ("abscess", "absess", True),
        ("abscess", "abcsess", True),
    ],
)
def test_within_one_edit(a, b, result):
    assert search.within_one_edit(a, b) is result
    assert search.within_one_edit(b, a) is result


def test_short_words_must_match_exactly_or_as_a_long_enough_start():
    words = {"stop_words": [], "synonyms": {}}
    index = {"title": ["pus"], "keywords": ["push"], "summary": ["cyst"], "body": ["lipoma"]}
    assert search.score_article(search.query_terms("pus", words), index) == (1, 8)
    assert search.score_article(search.query_terms("cyts", words), index) == (0, 0)
    assert search.score_article(search.query_terms("lipo", words), index) == (1, 1)
    assert search.score_article(search.query_terms("lip", words), index) == (0, 0)


def test_search_text_reads_back():
    index = {"title": ["lipoma"], "keywords": [], "summary": ["fat", "soft"], "body": ["x1"]}
    assert search.to_search_text(index) == "lipoma||fat soft|x1"
    assert search.parse_search_text(search.to_search_text(index)) == index
    assert search.parse_search_text("") == {field: [] for field in search.FIELDS}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("blisters on my back", "shingles"),
        ("burning when I pee and back pain", "kidney-infection"),
        ("boils in my armpits keep coming back", "hidradenitis-suppurativa"),
        ("broke a bone in my back", "spinal-fracture"),
        ("aneurysm", "aortic-aneurysm"),
        ("bulge when I cough", "lumbar-hernia"),
        ("bed sore", "pressure-ulcer"),
        ("dimple on baby's back", "spinal-dysraphism"),
    ],
)
def test_the_look_alikes_are_found_in_everyday_words(client, real_articles, query, slug):
    """The causes added on 2026-12-06, as a worried person would type them."""
    assert f"/conditions/{slug}/" in server_list(client, query)[:3], server_list(client, query)
