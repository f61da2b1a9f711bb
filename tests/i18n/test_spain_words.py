"""The Spanish edition reads as Spain's Spanish (native review; clinical brief 8.6): no Latin
American words where Spain says another (guisante, moratón, paracetamol, conduciendo, matrona,
caliente), no "dentro de 2 semanas" (in Spain: "in two weeks' time"; say "en las próximas 2
semanas" or "en un plazo de 2 semanas"), "Ha dicho que" for what the person has just answered,
and the review's urgency labels.

Checked: every text the reader sees in the questionnaire, the sizes, the articles (title,
summary, care cards, body) and the interface catalogue. Not checked, on purpose: an article's
search keywords and content/conditions/synonyms.es.yaml, which are the words a reader may type
(someone who says "moretón" still finds the haematoma page), and the titles of cited sources,
which are quoted as their publishers wrote them.
"""

import re
from pathlib import Path

import polib
import pytest

from apps.conditions.article_file import read_article_file
from lumpguide import fast_yaml

ROOT = Path(__file__).resolve().parents[2]
QUESTIONNAIRE = ROOT / "content" / "triage" / "questionnaire.es.yaml"
SIZES = ROOT / "content" / "sizes.es.yaml"
ARTICLES = sorted((ROOT / "content" / "conditions" / "es").glob("*.md"))
CATALOGUE = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"

NOT_SPAIN = {
    r"\barvejas?\b": "guisante",
    r"\bmoret[oó]n(es)?\b": "moratón (cardenal)",
    r"\bacetaminof[eé]n\b": "paracetamol",
    r"\bmanejando\b": "conduciendo",
    r"\bparteras?\b": "matrona",
    r"\btibi[oa]s?\b": "caliente, or templado",
    r"\bgomos[oa]s?\b": "elástico",
    r"\bno sabía con seguridad\b": "No ha sabido decir",
    r"\bdijo que\b": "Ha dicho que",
    r"\bconsejo urgente\b": "Urgente: hoy mismo",
    r"\bdescartad[oa]s?\b": "a descartar",
    r"\bdentro de (2|dos) semanas\b": "en las próximas 2 semanas / en un plazo de 2 semanas",
    r"\bestá confus[oa]\b": "tiene confusión",
    r"\bconduzca usted\b": "No conduzca",
    r"\bcita normal\b": "cita con su médico de familia",
    r"\btome (una )?fotos?\b": "hágale una foto",
}
PATTERN = re.compile("|".join(f"(?:{p})" for p in NOT_SPAIN), re.IGNORECASE)


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def findings(texts) -> list[str]:
    return [f"{m.group(0)!r} in {text[:90]!r}" for text in texts for m in PATTERN.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Guisante o arveja",
        "un moretón",
        "tome acetaminofén",
        "si está manejando",
        "su partera",
        "un paño tibio",
        "firme o gomoso",
        "No sabía con seguridad dónde está.",
        "Dijo que le duele.",
        "Consejo urgente: hoy",
        "un cáncer descartado",
        "vaya al médico dentro de 2 semanas",
        "está confusa",
        "No conduzca usted.",
        "Pida una cita normal",
        "tome una foto del bulto",
    ],
)
def test_the_check_catches_each_word(text):
    assert findings([text])


def test_the_check_leaves_spains_words_alone():
    fine = [
        "antibióticos y antibioticos",
        "Ha dicho que le duele.",
        "en las próximas 2 semanas",
        "un moratón (cardenal)",
        "Urgente: hoy mismo",
        "Vuelva a mirar el bulto dentro de 2 días.",
    ]
    assert findings(fine) == []


def test_the_questionnaire_speaks_spains_spanish():
    texts = strings(fast_yaml.safe_load(QUESTIONNAIRE.read_text(encoding="utf-8")))
    assert findings(texts) == []


def test_the_sizes_speak_spains_spanish():
    texts = list(strings(fast_yaml.safe_load(SIZES.read_text(encoding="utf-8"))))
    assert "Guisante (más o menos 1 cm)" in texts
    assert findings(texts) == []


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_every_spanish_article_speaks_spains_spanish(path):
    article = read_article_file(path, language="es")
    texts = [article.title, article.summary, article.body, *strings(article.care)]
    assert findings(texts) == []


def test_the_interface_speaks_spains_spanish():
    catalogue = polib.pofile(str(CATALOGUE))
    texts = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        texts.append(entry.msgstr)
        texts.extend(entry.msgstr_plural.values())
    assert findings(texts) == []


def test_the_urgency_labels_are_the_reviews():
    catalogue = polib.pofile(str(CATALOGUE))
    labels = {e.msgid: e.msgstr for e in catalogue if not e.obsolete}
    assert labels["Immediate action required"] == "Emergencia: actúe ya"
    assert labels["Urgent advice: today"] == "Urgente: hoy mismo"
    assert labels["Non-urgent advice"] == "No urgente"
    assert labels["Soon, not today"] == "Pronto, no hoy mismo"


def test_every_plural_has_every_form_spanish_counts_with():
    """Spanish has three plural forms here (one, a million's, other): a text with two fell back
    to English for 13 (the start page's "It takes about a minute", found by CI)."""
    catalogue = polib.pofile(str(CATALOGUE))
    forms = int(re.search(r"nplurals=(\d+)", catalogue.metadata["Plural-Forms"]).group(1))
    short = [
        e.msgid
        for e in catalogue
        if not e.obsolete and e.msgid_plural and len(e.msgstr_plural) < forms
    ]
    assert short == []
