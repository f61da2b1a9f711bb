"""The questionnaire and the articles agree: every condition triage names has an article."""

from apps.conditions.services import read_article_directory
from apps.triage.engine import QUESTIONNAIRE_PATH, load_questionnaire_file
from tests.conftest import CONTENT_DIR


def test_every_condition_in_the_questionnaire_has_a_published_article():
    questionnaire = load_questionnaire_file(QUESTIONNAIRE_PATH)
    published = {
        a.slug
        for a in read_article_directory(content_dir=CONTENT_DIR / "conditions")
        if a.status == "published" and a.language == "en"
    }
    slugs = {condition["slug"] for condition in questionnaire.spec["conditions"]}
    assert slugs and slugs <= published, slugs - published


def test_region_can_be_changed_from_the_result(client, db):
    client.post("/check/q/emergency_signs/", {"option": ["saddle"]})
    html = client.get("/check/result/").content.decode()
    assert 'href="/settings/?next=/check/result/"' in html
    response = client.post("/settings/", {"region": "au", "next": "/check/result/"})
    assert response["Location"] == "/check/result/"
    assert (
        "Call 000 or go to the emergency department now."
        in client.get("/check/result/").content.decode()
    )


def test_a_cause_has_the_same_name_in_the_result_and_its_article():
    """The result, the summary and the article call each cause by one name."""
    questionnaire = load_questionnaire_file(QUESTIONNAIRE_PATH)
    titles = {
        a.slug: a.title
        for a in read_article_directory(content_dir=CONTENT_DIR / "conditions")
        if a.language == "en"
    }
    names = {c.slug: c.name for c in questionnaire.conditions}
    assert names == {slug: titles[slug] for slug in names}
