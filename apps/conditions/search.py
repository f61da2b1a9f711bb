"""Article search: one matching and ranking, the same on the server and offline.

static/js/search.js is a line-for-line port of the pure functions here; both are held equal by
tests/conditions/search_vectors.json (scripts/make_search_vectors.py writes it, tests/js/
search.test.js and tests/conditions/test_search.py check it). Change one, change the other.

How a query is matched:

1. Text is folded (lower case, accents removed) and split into words of letters and digits;
   one-letter words are dropped and a plain plural "s" is taken off (lipomas -> lipoma, but not
   abscess, sinus or discitis).
2. Stop words are ignored (content/conditions/synonyms.yaml). "lump" and "bump" are among
   them: every article is about a lump, so they would match everything and rank nothing.
   A query of only stop words (or nothing) shows every article, in the usual order.
3. Every other word counts, up to MAX_TERMS; an article needs only one of them to be shown.
   A word matches a field exactly (quality 2) or loosely (quality 1): as the start of a longer
   word (4+ letters: "lipo"), with one typo (5+ letters: one letter changed, added, dropped or
   two swapped: "lipomma"), or through an everyday synonym from synonyms.yaml ("tailbone" ->
   "coccyx"; a synonym of several words needs them all in the same field, in any order).
4. A word's score is the sum, over the fields it matches, of the field's weight times the
   quality: title 4, keywords 2, summary 2, body 1.
5. Articles are ranked by how many of the words they match, then by total score, then in the
   order they were given (by title). No floating point and no string comparison, so Python
   and JavaScript always agree.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lumpguide import fast_yaml, languages

SYNONYMS_PATH = Path(__file__).resolve().parents[2] / "content" / "conditions" / "synonyms.yaml"
FIELDS = ("title", "keywords", "summary", "body")
WEIGHTS = {"title": 4, "keywords": 2, "summary": 2, "body": 1}
EXACT, LOOSE = 2, 1
MAX_TERMS = 8
MIN_PREFIX = 4
MIN_TYPO = 5
FIELD_SEPARATOR = "|"

_ACCENTS = re.compile("[\u0300-\u036f]")
_WORD = re.compile(r"[^\W_]+")  # letters and digits: [\p{L}\p{N}]+ in JavaScript
_MARKDOWN_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]*>")

Words = dict[str, Any]  # {"stop_words": [token], "synonyms": {token: [[token, ...], ...]}}
Index = dict[str, list[str]]  # field -> its distinct tokens, sorted


class SynonymsError(ValueError):
    """synonyms.yaml is malformed; the message says where."""


def fold(text: str) -> str:
    return _ACCENTS.sub("", unicodedata.normalize("NFKD", text.lower()))


def stem(token: str) -> str:
    if len(token) >= 4 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def tokenize(text: str) -> list[str]:
    """Folded, stemmed words of two or more letters, in order, repeats kept."""
    return [stem(word) for word in _WORD.findall(fold(text)) if len(word) >= 2]


def plain_text(markdown: str) -> str:
    """An article body as searchable text: link targets and HTML tags taken out."""
    return _HTML_TAG.sub(" ", _MARKDOWN_LINK_TARGET.sub("] ", markdown))


# --- The words data: stop words and synonyms -------------------------------------------------


def prepare_words(raw: Any) -> Words:
    """synonyms.yaml's content as the engines use it: tokens, sorted, no stop words."""
    if not isinstance(raw, dict) or set(raw) != {"stop_words", "synonyms"}:
        raise SynonymsError("must be a mapping with exactly stop_words and synonyms")
    stop_words, synonyms = raw["stop_words"], raw["synonyms"]
    if not isinstance(stop_words, list) or not isinstance(synonyms, dict):
        raise SynonymsError("stop_words must be a list and synonyms a mapping")
    stop: set[str] = set()
    for word in stop_words:
        tokens = tokenize(word) if isinstance(word, str) else []
        if len(tokens) != 1:
            raise SynonymsError(f"stop word {word!r} must be one word of two or more letters")
        stop.add(tokens[0])
    prepared: dict[str, list[list[str]]] = {}
    for key, alternatives in synonyms.items():
        tokens = tokenize(key) if isinstance(key, str) else []
        if len(tokens) != 1 or tokens[0] in stop:
            raise SynonymsError(f"synonym {key!r} must be one word that is not a stop word")
        if tokens[0] in prepared:
            raise SynonymsError(f"synonym {key!r} is listed twice")
        if not isinstance(alternatives, list) or not alternatives:
            raise SynonymsError(f"synonym {key!r} needs a list of words")
        entry = []
        for alternative in alternatives:
            words = tokenize(alternative) if isinstance(alternative, str) else []
            words = [word for word in words if word not in stop]
            if not words:
                raise SynonymsError(f"synonym {key!r}: {alternative!r} has no searchable word")
            entry.append(words)
        prepared[tokens[0]] = entry
    return {"stop_words": sorted(stop), "synonyms": dict(sorted(prepared.items()))}


def words_file(language: str = "en") -> Path:
    """synonyms.yaml for English; synonyms.<language>.yaml beside it for another edition (its
    stop words and everyday words), or English's where a language has none yet."""
    own = languages.edition_file(SYNONYMS_PATH, language)
    return own if language != "en" and own.exists() else SYNONYMS_PATH


def load_words(path: Path | None = None, *, language: str | None = None) -> Words:
    """The prepared words of a synonyms file (default: the request language's), read again
    only when the file changes."""
    if path is None:
        path = words_file(languages.active(language))
    return _load_words(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load_words(path: Path, _mtime: int) -> Words:
    return prepare_words(fast_yaml.safe_load(path.read_text(encoding="utf-8")))


# --- Articles ----------------------------------------------------------------------------------


def index_article(fields: dict[str, str], words: Words) -> Index:
    """Each field's distinct searchable tokens (no stop words), sorted. `fields` holds plain
    text: keywords one per line, the body already through plain_text()."""
    stop = set(words["stop_words"])
    return {
        field: sorted({token for token in tokenize(fields[field]) if token not in stop})
        for field in FIELDS
    }


def to_search_text(index: Index) -> str:
    """The index in one short string for the page: fields in FIELDS order, "|" between."""
    return FIELD_SEPARATOR.join(" ".join(index[field]) for field in FIELDS)


def parse_search_text(text: str) -> Index:
    parts = text.split(FIELD_SEPARATOR)
    parts += [""] * (len(FIELDS) - len(parts))
    return {field: part.split() for field, part in zip(FIELDS, parts, strict=False)}


# --- Matching and ranking --------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    word: str
    synonyms: tuple[tuple[str, ...], ...]


def query_terms(query: str, words: Words) -> list[Term]:
    """The query's distinct searchable words, in order, with their synonyms."""
    stop = set(words["stop_words"])
    terms: list[Term] = []
    seen: set[str] = set()
    for token in tokenize(query):
        if token in stop or token in seen:
            continue
        seen.add(token)
        alternatives = words["synonyms"].get(token, [])
        terms.append(Term(token, tuple(tuple(alternative) for alternative in alternatives)))
        if len(terms) == MAX_TERMS:
            break
    return terms


def within_one_edit(a: str, b: str) -> bool:
    """One letter changed, added or dropped, or two next to each other swapped."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if i == len(a) or a[i + 1 :] == b[i + 1 :]:
        return True
    return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]


def word_quality(word: str, tokens: list[str]) -> int:
    """EXACT if the field has the word, LOOSE if a word starting with it or one typo off."""
    if word in tokens:
        return EXACT
    length = len(word)
    prefix, typo = length >= MIN_PREFIX, length >= MIN_TYPO
    for token in tokens:
        if prefix and token.startswith(word):
            return LOOSE
        # within_one_edit's own first test, made here: most tokens differ in length by more
        if typo and abs(len(token) - length) <= 1 and within_one_edit(word, token):
            return LOOSE
    return 0


def term_quality(term: Term, tokens: list[str]) -> int:
    quality = word_quality(term.word, tokens)
    if quality < LOOSE:
        for alternative in term.synonyms:
            if all(token in tokens for token in alternative):
                return LOOSE
    return quality


def score_article(terms: list[Term], index: Index) -> tuple[int, int]:
    """(how many terms match, total score) for one article."""
    matched = total = 0
    for term in terms:
        score = sum(WEIGHTS[field] * term_quality(term, index[field]) for field in FIELDS)
        if score:
            matched += 1
            total += score
    return matched, total


def rank(query: str, indexes: list[Index], words: Words) -> list[int]:
    """Positions in `indexes` of the articles to show, best first. Every article, in the order
    given, when the query has no searchable word."""
    terms = query_terms(query, words)
    if not terms:
        return list(range(len(indexes)))
    scored = [(score_article(terms, index), position) for position, index in enumerate(indexes)]
    hits = [(matched, total, position) for (matched, total), position in scored if matched]
    hits.sort(key=lambda hit: (-hit[0], -hit[1], hit[2]))
    return [position for _, _, position in hits]
