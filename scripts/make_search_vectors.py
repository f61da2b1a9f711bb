"""Write tests/conditions/search_vectors.json: shared test vectors for the Python and JavaScript
article search (apps/conditions/search.py and static/js/search.js).

    .venv/bin/python scripts/make_search_vectors.py

The file holds the prepared stop words and synonyms (content/conditions/synonyms.yaml), the
shipped English articles' searchable fields and their search index (as the page carries it),
words with how they tokenize, and many queries with the terms and the ranked slugs (with their
scores) that Python gives. tests/js/search.test.js checks that the JavaScript gives the same;
tests/conditions/test_search.py checks that the file is up to date.
Deterministic: the same content always gives byte-for-byte the same file.
"""

import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VECTORS_PATH = ROOT / "tests" / "conditions" / "search_vectors.json"
CONTENT_DIR = ROOT / "content" / "conditions"
LANGUAGE = "en"
SEED = 20260301
RANDOM_QUERIES = 250
TYPO_QUERIES = 120

# Queries people type, and queries that probe the edges of the rules.
QUERIES = [
    "",
    "   ",
    "cyst",
    "Cyst",
    "CYSTS",
    "bump near tailbone",
    "lump near tailbone",
    "tailbone",
    "lipomma",
    "lipoma",
    "lipomas",
    "lipo",
    "lip",
    "fatty lump",
    "pus",
    "boil",
    "boils on my back",
    "mole",
    "changing mole",
    "spot",
    "a lump on my lower back",
    "lump",
    "the",
    "near the",
    "red hot lump",
    "hot red swollen lump",
    "lump with a black dot",
    "smelly cheesy lump",
    "bruise after a fall",
    "numb bottom",
    "cannot pee",
    "back pain and fever",
    "sciatica",
    "slipped disk",
    "hard growing lump",
    "lump getting bigger",
    "abcess",
    "absess",
    "abscesses",
    "hematoma",
    "tumor",
    "Épidermoïde",
    "ÉPIDERMOID CYST",
    "naïve café",
    "pilonidal-sinus",
    "pus-filled",
    "it's a boil",
    "don't know",
    "skin",
    "cancer",
    "melanoma",
    "sarcoma",
    "back mice",
    "knot",
    "muscle knot",
    "trigger point",
    "hair in skin",
    "bum crack",
    "butt",
    "coccyx",
    "dimple",
    "tingling legs",
    "tingling tingling tingling",
    "infected",
    "infection",
    "one two three four five six seven eight nine ten",
    "cyst pus boil mole fat tailbone bruise knot sarcoma",
    "5cm",
    "1 2 3",
    "x",
    "a b c d",
    "zzzz",
    "qwertyuiop",
    "%_'\"<script>",
    "__proto__",
    "constructor",
    "hasOwnProperty toString",
    "lump|tailbone",
    "ΟΔΟΣ σπονδυλική",
    "опухоль спины",
    "腰のしこり",
    "ﬁbroma",
    "Ⅻ",
    "straße",
    "İstanbul",
    "café\u0301",
    "emoji 🙂 lump",
    "𝐜𝐲𝐬𝐭",
    "cyst\u00adcyst",
    "under_score",
]


def _setup() -> Any:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from apps.conditions import search

    return search


def _articles(search: Any, words: dict) -> list[dict[str, Any]]:
    from apps.conditions.article_file import read_article_file

    articles = []
    for path in sorted((CONTENT_DIR / LANGUAGE).glob("*.md")):
        data = read_article_file(path, language=LANGUAGE)
        if data.status != "published":
            continue
        fields = {
            "title": data.title,
            "keywords": "\n".join(data.keywords),
            "summary": data.summary,
            "body": search.plain_text(data.body),
        }
        index = search.index_article(fields, words)
        articles.append(
            {"slug": data.slug, "fields": fields, "search_text": search.to_search_text(index)}
        )
    return sorted(articles, key=lambda article: (article["fields"]["title"], article["slug"]))


def _typo(rng: random.Random, word: str) -> str:
    """One random edit: change, add or drop a letter, or swap two."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    i = rng.randrange(len(word))
    kind = rng.choice(["change", "add", "drop", "swap"])
    if kind == "change":
        return word[:i] + rng.choice(letters) + word[i + 1 :]
    if kind == "add":
        return word[:i] + rng.choice(letters) + word[i:]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    i = min(i, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _queries(articles: list[dict[str, Any]], words: dict) -> list[str]:
    rng = random.Random(SEED)
    queries = list(QUERIES)
    queries += sorted(words["synonyms"])
    queries += [f"{word} lump" for word in words["stop_words"][::7]]
    for article in articles:
        fields = article["fields"]
        queries.append(fields["title"])
        queries += fields["keywords"].split("\n")
    vocabulary = sorted({token for a in articles for token in a["search_text"].split()} - {"|"})
    long_words = [token for token in vocabulary if len(token) >= 5]
    for _ in range(TYPO_QUERIES):
        word = rng.choice(long_words)
        queries.append(_typo(rng, word) if rng.random() < 0.8 else word[: rng.randint(2, 6)])
    pool = vocabulary + sorted(words["synonyms"]) + words["stop_words"]
    for _ in range(RANDOM_QUERIES):
        picked = [rng.choice(pool) for _ in range(rng.randint(1, 10))]
        if rng.random() < 0.3:
            picked = [_typo(rng, word) if len(word) > 2 else word for word in picked]
        if rng.random() < 0.2:
            picked = [word.upper() for word in picked]
        queries.append(rng.choice([" ", ", ", " - "]).join(picked))
    seen: set[str] = set()
    return [query for query in queries if not (query in seen or seen.add(query))]


def build_vectors() -> dict[str, Any]:
    search = _setup()
    words = search.load_words()
    articles = _articles(search, words)
    indexes = [search.parse_search_text(article["search_text"]) for article in articles]

    texts = [text for article in articles for text in article["fields"].values()]
    tokenize_cases = [
        {"text": text, "tokens": search.tokenize(text)} for text in [*QUERIES, *texts]
    ]

    rng = random.Random(SEED + 1)
    vocabulary = sorted({token for index in indexes for field in index.values() for token in field})
    edit_cases = []
    for _ in range(200):
        a = rng.choice(vocabulary)
        b = _typo(rng, a) if rng.random() < 0.7 else rng.choice(vocabulary)
        if rng.random() < 0.2:
            b = _typo(rng, b)
        edit_cases.append({"a": a, "b": b, "result": search.within_one_edit(a, b)})
    edit_cases += [
        {"a": a, "b": b, "result": search.within_one_edit(a, b)}
        for a, b in [("", ""), ("", "a"), ("ab", "ba"), ("abc", "acb"), ("abcd", "badc")]
    ]

    cases = []
    for query in _queries(articles, words):
        terms = search.query_terms(query, words)
        ranked = search.rank(query, indexes, words)
        cases.append(
            {
                "query": query,
                "terms": [[term.word, [list(s) for s in term.synonyms]] for term in terms],
                "ranked": [articles[position]["slug"] for position in ranked],
                "scores": [list(search.score_article(terms, indexes[p])) for p in ranked],
            }
        )
    return {
        "comment": "Generated by scripts/make_search_vectors.py. Do not edit by hand.",
        "words": words,
        "articles": articles,
        "tokenize_cases": tokenize_cases,
        "edit_cases": edit_cases,
        "cases": cases,
    }


def render(vectors: dict[str, Any]) -> str:
    """One article or case per line, to keep the diff of a change readable."""

    def compact(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    parts = [
        "{",
        f'"comment": {compact(vectors["comment"])},',
        f'"words": {compact(vectors["words"])},',
    ]
    names = ["articles", "tokenize_cases", "edit_cases", "cases"]
    for name in names:
        rows = ",\n".join(compact(case) for case in vectors[name])
        parts.append(f'"{name}": [\n{rows}\n]' + ("," if name != names[-1] else ""))
    parts.append("}")
    return "\n".join(parts) + "\n"


def main() -> None:
    VECTORS_PATH.write_text(render(build_vectors()), encoding="utf-8")
    print(f"Wrote {VECTORS_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
