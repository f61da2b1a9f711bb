"""The Spanish edition is complete: every interface message, every questionnaire text and every
article, with the same structure as the English; the engine's codes never change with the
language; and the Spanish reads easily (Fernández-Huerta)."""

import json
import re
from pathlib import Path

import polib
import pytest

from apps.conditions.article_file import read_article_file
from apps.triage.engine import QUESTIONNAIRE_PATH, load_questionnaire, next_step
from apps.triage.engine.translate import apply_texts, extract_texts
from lumpguide import fast_yaml
from tests.conditions.test_search import shipped_vocabulary
from tests.reading_age import MIN_SPANISH_READING_EASE, sentences, spanish_reading_ease

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
ARTICLES = ROOT / "content" / "conditions"
ES_TEXTS = QUESTIONNAIRE_PATH.with_name("questionnaire.es.yaml")
VECTORS = json.loads((ROOT / "tests" / "triage" / "vectors.json").read_text())


def english_data() -> dict:
    return fast_yaml.safe_load(QUESTIONNAIRE_PATH.read_text(encoding="utf-8"))


def spanish_questionnaire():
    spanish = fast_yaml.safe_load(ES_TEXTS.read_text(encoding="utf-8"))
    return load_questionnaire(apply_texts(english_data(), spanish, language="es"))


def test_every_interface_message_is_translated():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [e.msgid for e in catalogue.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []
    assert catalogue.metadata["Language"] == "es"
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), entry.msgid


def test_the_catalogue_covers_every_message_in_the_code():
    """A message marked in the code since the catalogue was last made would show in English:
    `manage.py makemessages -l es` adds it (then translate it)."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "django.pot"
        files = sorted(
            str(p.relative_to(ROOT))
            for pattern in ("apps/**/*.py", "lumpguide/**/*.py", "apps/**/*.html", "templates/**/*")
            for p in ROOT.glob(pattern)
            if "migrations" not in p.parts and p.is_file()
        )
        py = [f for f in files if f.endswith(".py")]
        html = [f for f in files if not f.endswith(".py")]
        # The messages in the code, as makemessages finds them (Django's template lexer
        # turns templates into Python that xgettext reads).
        code = (
            "import sys\n"
            "from django.conf import settings\n"
            "settings.configure()\n"
            "from django.utils.translation import templatize\n"
            "for name in sys.argv[1:]:\n"
            "    src = open(name, encoding='utf-8').read()\n"
            "    print(templatize(src, origin=name))\n"
        )
        templ = subprocess.run(
            [sys.executable, "-c", code, *html], capture_output=True, text=True, check=True
        ).stdout
        (Path(tmp) / "templates.py").write_text(templ)
        subprocess.run(
            [
                "xgettext",
                "--language=Python",
                "--from-code=UTF-8",
                "--keyword=gettext_noop",
                "--keyword=gettext_lazy",
                "--keyword=ngettext_lazy:1,2",
                "--keyword=pgettext:1c,2",
                "--keyword=npgettext:1c,2,3",
                "--keyword=pgettext_lazy:1c,2",
                "--keyword=npgettext_lazy:1c,2,3",
                "--keyword=_",
                "--keyword=gettext",
                "--keyword=ngettext:1,2",
                "-o",
                str(fresh),
                *py,
                str(Path(tmp) / "templates.py"),
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        in_code = {e.msgid for e in polib.pofile(str(fresh)) if e.msgid}
    assert len(in_code) > 300
    in_catalogue = {e.msgid for e in polib.pofile(str(CATALOGUE)) if not e.obsolete}
    assert sorted(in_code - in_catalogue) == []


def test_the_questionnaire_has_every_text_in_spanish_and_no_english_left():
    english = extract_texts(english_data())
    spanish = fast_yaml.safe_load(ES_TEXTS.read_text(encoding="utf-8"))
    spanish_questionnaire()  # same questions, options, levels, reasons, conditions, advice

    def leaves(value, path=""):
        if isinstance(value, dict):
            for key, item in value.items():
                yield from leaves(item, f"{path}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from leaves(item, f"{path}[{index}]")
        else:
            yield path, value

    same = [
        path
        for (path, en), (_, es) in zip(leaves(english), leaves(spanish), strict=True)
        if en == es and len(en.split()) > 1
    ]
    assert same == []


@pytest.mark.parametrize("kind", ["cases", "prune_cases", "flow_cases", "resume_cases"])
def test_the_engine_gives_the_same_codes_in_both_languages(kind):
    from apps.triage.engine import load_questionnaire_file

    english, spanish = load_questionnaire_file(QUESTIONNAIRE_PATH), spanish_questionnaire()
    for case in VECTORS[kind]:
        results = []
        for questionnaire in (english, spanish):
            try:
                step = next_step(questionnaire, case["answers"]).to_dict()
            except Exception as exc:  # the same AnswerError, with the same message
                results.append(("error", str(exc)))
                continue
            if step["done"]:
                a = step["assessment"]
                results.append(
                    (
                        a["urgency"],
                        a["red_flags"],
                        [c["slug"] for c in a["conditions"]],
                        [len(c["why"]) for c in a["conditions"]],
                        len(a["next_steps"]),
                        a["follow_up_days"],
                    )
                )
            else:
                q = step["question"]
                results.append(
                    (q["id"], [o["id"] for o in q["options"]], q["kind"], step["progress"])
                )
        assert results[0] == results[1], case["answers"]


def article_pairs():
    for english_file in sorted((ARTICLES / "en").glob("*.md")):
        spanish_file = ARTICLES / "es" / english_file.name
        yield english_file.stem, english_file, spanish_file


@pytest.mark.parametrize(("slug", "english_file", "spanish_file"), list(article_pairs()))
def test_every_article_has_a_spanish_edition_with_the_same_structure(
    slug, english_file, spanish_file
):
    assert spanish_file.exists(), f"content/conditions/es/{slug}.md is missing"
    en = read_article_file(english_file, language="en")
    es = read_article_file(spanish_file, language="es")
    assert es.slug == en.slug and es.status == en.status
    assert (es.last_reviewed, es.next_review_due) == (en.last_reviewed, en.next_review_due)
    assert {k: len(v) for k, v in es.care.items()} == {k: len(v) for k, v in en.care.items()}
    assert {s["url"] for s in en.sources} <= {s["url"] for s in es.sources}
    assert es.body.count("\n## ") == en.body.count("\n## ")
    assert es.body.count("\n### ") == en.body.count("\n### ")


def test_no_spanish_article_without_an_english_one():
    english = {p.name for p in (ARTICLES / "en").glob("*.md")}
    assert {p.name for p in (ARTICLES / "es").glob("*.md")} <= english


def test_a_cause_has_the_same_name_in_the_spanish_result_and_its_article():
    titles = {
        slug: read_article_file(spanish_file, language="es").title
        for slug, _, spanish_file in article_pairs()
    }
    names = {c.slug: c.name for c in spanish_questionnaire().conditions}
    assert names == {slug: titles[slug] for slug in names}


@pytest.mark.parametrize(("slug", "english_file", "spanish_file"), list(article_pairs()))
def test_every_spanish_article_reads_easily(slug, english_file, spanish_file):
    article = read_article_file(spanish_file, language="es")
    assert spanish_reading_ease(article.body) >= MIN_SPANISH_READING_EASE


def test_the_spanish_questionnaire_reads_easily():
    questionnaire = spanish_questionnaire()
    for question in questionnaire.questions:
        labels = [option.label for option in question.options]
        text = sentences(question.text, question.help, *labels, question.unsure_note)
        assert spanish_reading_ease(text, markdown=False) >= MIN_SPANISH_READING_EASE, question.id
    for level in questionnaire.levels:
        text = sentences(level.headline, *level.next_steps)
        assert spanish_reading_ease(text, markdown=False) >= MIN_SPANISH_READING_EASE, level.code


def test_the_spanish_search_words_point_at_words_the_spanish_articles_use():
    from apps.conditions import search

    words = search.load_words(language="es")
    assert search.words_file("es").name == "synonyms.es.yaml"
    tokens = shipped_vocabulary(words, "es")
    for word, alternatives in words["synonyms"].items():
        for alternative in alternatives:
            assert set(alternative) <= tokens, (word, alternative)
    assert "bulto" in words["stop_words"] and "espalda" in words["stop_words"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("bulto de grasa", "lipoma"),
        ("grano con pus en la rabadilla", "pilonidal-sinus"),
        ("moretón tras un golpe", "haematoma"),
        ("lunar que cambia", "skin-cancer"),
    ],
)
def test_a_spanish_reader_finds_the_cause_in_everyday_words(client, query, first):
    from django.core.management import call_command

    call_command("load_articles", verbosity=0)
    page = client.get("/conditions/", {"q": query}, headers={"Accept-Language": "es"})
    assert 'lang="es"' in page.content.decode()
    found = re.findall(r'href="/conditions/([a-z-]+)/"', page.content.decode())
    assert found[0] == first


@pytest.mark.django_db
def test_the_api_answers_in_spanish_when_asked_and_its_codes_never_change(client):
    body = json.dumps({"answers": {"emergency_signs": ["saddle"]}})
    answers = {}
    for language in ("en", "es"):
        response = client.post(
            "/api/triage/next",
            body,
            content_type="application/json",
            headers={"Accept-Language": language},
        )
        assert response.status_code == 200
        answers[language] = response.json()
    en, es = answers["en"]["assessment"], answers["es"]["assessment"]
    assert es["urgency"] == en["urgency"] and es["red_flags"] == en["red_flags"]
    assert [c["slug"] for c in es["conditions"]] == [c["slug"] for c in en["conditions"]]
    assert es["headline"] == spanish_questionnaire().level(es["urgency"]).headline
    assert es["headline"] != en["headline"]
    questions = client.get("/api/triage/questionnaire", headers={"Accept-Language": "es"})
    first = questions.json()["questions"][0]
    assert first["text"] == spanish_questionnaire().questions[0].text
    assert "Accept-Language" in questions["Vary"]


@pytest.mark.django_db
def test_the_api_follows_accept_language_not_the_site_s_language_cookie(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    english = client.get("/api/triage/questionnaire", headers={"Accept-Language": "en-GB"})
    assert english["Content-Language"] == "en"
    spanish = client.get("/api/triage/questionnaire", headers={"Accept-Language": "fr, es;q=0.8"})
    assert spanish["Content-Language"] == "es"
    nothing = client.get("/api/triage/questionnaire", headers={"Accept-Language": "fr, *"})
    assert nothing["Content-Language"] == "en"
    assert english.json()["questions"][0]["text"] != spanish.json()["questions"][0]["text"]


def test_every_everyday_size_has_a_spanish_label():
    from django.utils import translation

    from lumpguide import sizes

    spanish = sizes.translations()["es"]
    assert sorted(spanish) == sorted(c.id for c in sizes.table().comparisons)
    with translation.override("es"):
        labels = [str(label) for _, label in sizes.checkin_choices()]
    assert labels == [spanish[c.id] for c in sizes.table().comparisons]
    with translation.override("en"):
        assert [str(label) for _, label in sizes.checkin_choices()][0].startswith("Pea")


@pytest.mark.django_db
def test_the_check_in_form_offers_the_sizes_in_spanish(client):
    page = client.get("/diary/check-in/", headers={"Accept-Language": "es"}).content.decode()
    assert "Guisante (más o menos 1 cm)" in page and "Pea (about 1 cm)" not in page


@pytest.mark.django_db
def test_english_sources_on_a_spanish_article_are_marked_english(client):
    from django.core.management import call_command

    call_command("load_articles", verbosity=0)
    page = client.get("/conditions/lipoma/", headers={"Accept-Language": "es"}).content.decode()
    assert '<li lang="en">NHS website: <a href="https://www.nhs.uk/conditions/lipoma/"' in page
    assert re.search(
        r'<li lang="en">NHS website: <a [^>]+>[^<]+</a> <span lang="es">\(en inglés\)</span></li>',
        page,
    )
    english = client.get("/conditions/lipoma/", headers={"Accept-Language": "en"}).content.decode()
    assert '<li lang="en">' not in english and "(in English)" not in english


@pytest.mark.django_db
def test_the_api_takes_q_0_as_not_acceptable(client):
    refused = client.get("/api/triage/questionnaire", headers={"Accept-Language": "es;q=0, en"})
    assert refused["Content-Language"] == "en"


@pytest.mark.django_db
def test_the_manifest_varies_on_the_language_cookie(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = client.get("/manifest.webmanifest")
    assert "Cookie" in response["Vary"] and response.json()["lang"] == "es"


def test_a_regional_catalogue_folder_is_a_language_code():
    from django.utils.translation import to_language

    assert to_language("pt_BR") == "pt-br"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("english", "language"),
    [("version: [unclosed", "es"), (None, ""), (None, "en"), (None, "xx")],
    ids=["bad questionnaire", "no language", "english", "unknown language"],
)
def test_the_admin_refuses_a_bad_translation_with_a_message_not_a_500(
    admin_client, english, language
):
    from apps.triage.questionnaire_store import questionnaire_file

    data = {
        "version": "x",
        "yaml_text": english or questionnaire_file().read_text(encoding="utf-8"),
        "translations-TOTAL_FORMS": "1",
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
        "translations-0-language": language,
        "translations-0-yaml_text": "questions: {}",
    }
    admin_client.raise_request_exception = False
    response = admin_client.post("/admin/triage/questionnairedocument/add/", data)
    assert response.status_code == 200  # the form again, with its errors
    assert "errorlist" in response.content.decode()
