"""The screen-by-screen flow: plain forms, HTMX fragments, the same results as the API."""

import json
import re
from dataclasses import replace

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.triage.test_api import VIGNETTES
from tests.triage.walker import choose

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def questions(client):
    return {q["id"]: q for q in client.get("/api/triage/questionnaire").json()["questions"]}


def without_tokens(response) -> str:
    """A page without its CSRF tokens (masked afresh each time a page is drawn)."""
    return re.sub(r'value="[^"]{64}"', "", response.content.decode())


def walk_forms(client, findings, htmx=False):
    """Answer each screen as the contract's walker would, through the forms. Returns the
    result page's HTML."""
    qs = questions(client)
    headers = HTMX if htmx else {}
    url = re.search(r'href="(/check/q/[^"]+)"', client.get("/check/").content.decode()).group(1)
    for _ in range(30):
        question_id = url.split("/")[-2]
        page = client.get(url, headers=headers)
        assert page.status_code == 200
        response = client.post(
            url, {"option": choose(qs[question_id], frozenset(findings))}, headers=headers
        )
        if htmx:  # the next screen, drawn in the same response, with its address
            assert response.status_code == 200, response.content.decode()[:500]
            url = response["HX-Push-Url"]
            assert without_tokens(response) == without_tokens(client.get(url, headers=headers))
        else:
            assert response.status_code == 303, response.content.decode()[:500]
            url = response["Location"]
        if url == "/check/summary/":
            assert client.get(url).status_code == 200
            url = "/check/result/"
        if url == "/check/result/":
            return client.get(url, headers=headers).content.decode()
    raise AssertionError("the form walk did not end")


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v["id"] for v in VIGNETTES])
def test_forms_give_the_same_result_as_the_api(client, vignette):
    from tests.triage.walker import walk

    api = walk(
        vignette["findings"],
        lambda a: client.post(
            "/api/triage/next", json.dumps({"answers": a}), content_type="application/json"
        ).json(),
    )
    html = walk_forms(client, vignette["findings"])
    assessment = api.assessment
    assert f'data-urgency="{assessment["urgency"]}"' in html
    assert assessment["headline"] in html.replace("&#x27;", "'")
    for condition in assessment["conditions"]:
        assert f'href="/conditions/{condition["slug"]}/"' in html
    assert "LumpGuide does not diagnose" in html


def test_htmx_walk_gets_fragments_with_pushed_urls(client):
    first = client.get("/check/q/emergency_signs/", headers=HTMX)
    assert "<html" not in first.content.decode()
    assert first["HX-Push-Url"] == "/check/q/emergency_signs/"
    assert first.content.decode().lstrip().startswith('<div id="triage-screen"')
    html = walk_forms(
        client, ["soft", "moves", "painless", "size_small", "onset_long", "stable"], htmx=True
    )
    assert "<html" not in html and 'data-urgency="' in html


def test_emergency_sign_ends_the_questions_at_once(client):
    client.cookies["lumpguide_region"] = "us"
    response = client.post("/check/q/emergency_signs/", {"option": ["saddle"]})
    assert response["Location"] == "/check/result/"
    html = client.get("/check/result/").content.decode()
    assert 'data-urgency="emergency"' in html
    assert "Call 911 or go to the emergency room now." in html
    assert "numbness between your legs" in html


def test_nothing_chosen_shows_an_error_and_keeps_the_screen(client):
    response = client.post("/check/q/emergency_signs/", {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "None of these" in html


def test_none_of_these_with_another_sign_is_refused(client):
    response = client.post("/check/q/emergency_signs/", {"option": ["none", "saddle"]})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_cannot_skip_ahead(client):
    response = client.get("/check/q/background/")
    assert response.status_code == 302
    assert response["Location"] == "/check/q/emergency_signs/"
    assert client.get("/check/result/")["Location"] == "/check/q/emergency_signs/"
    assert client.get("/check/summary/")["Location"] == "/check/q/emergency_signs/"


def test_unknown_question_is_404(client):
    assert client.get("/check/q/nope/").status_code == 404


def test_back_link_and_progress(client):
    client.post("/check/q/emergency_signs/", {"option": ["none"]})
    html = client.get("/check/q/urgent_signs/").content.decode()
    assert 'href="/check/q/emergency_signs/"' in html
    assert "Question 2 of at most" in html
    # Going back shows the earlier answer chosen.
    earlier = client.get("/check/q/emergency_signs/").content.decode()
    assert re.search(r'value="none"\s+checked', earlier)


def test_change_an_answer_from_the_summary(client):
    walk_forms(
        client, ["soft", "moves", "painless", "size_small", "onset_long", "stable", "loc_side"]
    )
    summary = client.get("/check/summary/").content.decode()
    assert 'href="/check/q/size/"' in summary
    response = client.post("/check/q/size/", {"option": ["large"]})
    assert response.status_code == 303
    assert response["Location"] == "/check/summary/"
    result = client.get("/check/result/").content.decode()
    assert 'data-urgency="self_care"' not in result


def test_changing_the_first_answer_to_an_emergency_drops_the_rest(client):
    walk_forms(client, ["soft", "moves", "painless", "size_small", "onset_long", "stable"])
    response = client.post("/check/q/emergency_signs/", {"option": ["both_legs"]})
    assert response["Location"] == "/check/result/"
    assert 'data-urgency="emergency"' in client.get("/check/result/").content.decode()


def test_ticking_and_unticking_an_emergency_sign_keeps_every_later_answer(client):
    """Issue 20: the start page promises "you can go back and change any answer"; ticking an
    emergency sign ends the walk, and unticking it used to lose all 11 later answers."""
    result = walk_forms(client, ["soft", "moves", "painless", "size_small", "onset_long", "stable"])
    urgency = re.search(r'data-urgency="([a-z_]+)"', result).group(1)
    before = client.get("/check/summary/").content.decode()
    client.post("/check/q/emergency_signs/", {"option": ["both_legs"]})
    assert 'data-urgency="emergency"' in client.get("/check/result/").content.decode()
    response = client.post("/check/q/emergency_signs/", {"option": ["none"]})
    assert response["Location"] == "/check/summary/"  # nothing left to ask
    after = client.get("/check/summary/").content.decode()
    assert re.findall(r'href="/check/q/[^"]+"', after) == re.findall(
        r'href="/check/q/[^"]+"', before
    )
    assert f'data-urgency="{urgency}"' in client.get("/check/result/").content.decode()


def test_a_change_that_opens_a_new_question_asks_it_then_keeps_the_rest(client):
    walk_forms(client, ["soft", "moves", "painless", "size_small", "onset_long", "stable"])
    # Something leaks out: "does it smell?" now comes first
    response = client.post("/check/q/surface/", {"option": ["discharge"]})
    assert response["Location"] == "/check/q/smell/"
    response = client.post("/check/q/smell/", {"option": ["no"]})
    assert response["Location"] == "/check/summary/"
    summary = client.get("/check/summary/").content.decode()
    for later in ("pain", "size", "onset", "change", "background"):
        assert f'href="/check/q/{later}/"' in summary, later


def test_restart_clears_the_answers(client):
    client.post("/check/q/emergency_signs/", {"option": ["none"]})
    assert client.post("/check/restart/")["Location"] == "/check/q/emergency_signs/"
    assert client.get("/check/q/urgent_signs/")["Location"] == "/check/q/emergency_signs/"
    assert "checked" not in client.get("/check/q/emergency_signs/").content.decode()


def test_with_answers_kept_the_start_page_offers_carry_on_or_start_again_not_start_now(client):
    """ "Start now" used to open the first screen with last time's ticks, and Continue then
    skipped every screen already answered, the warning signs included."""
    walk_forms(client, ["soft", "moves", "painless", "size_small", "onset_long", "stable"])
    start = client.get("/check/").content.decode()
    assert "Start now" not in start
    assert "Carry on where you left off" in start
    assert 'action="/check/restart/"' in start and "Start again" in start
    fresh = client.post("/check/restart/", follow=True).content.decode()
    assert 'data-question="emergency_signs"' in fresh and " checked" not in fresh
    assert "Start now" in client.get("/check/").content.decode()


def test_answers_are_never_cached(client):
    assert "no-store" in client.get("/check/q/emergency_signs/")["Cache-Control"]


def test_forms_need_csrf(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/check/q/emergency_signs/", {"option": ["none"]}).status_code == 403


def test_spec_serves_the_whole_questionnaire_for_offline_use(client):
    spec = client.get("/check/spec.json").json()
    api = client.get("/api/triage/questionnaire").json()
    assert spec["version"] == api["version"]
    assert [q["id"] for q in spec["questions"]] == [q["id"] for q in api["questions"]]


def test_stale_session_answers_are_dropped_not_fatal(client):
    session = client.session
    session["triage_answers"] = {"emergency_signs": ["gone"], "size": 5}
    session.save()
    assert client.get("/check/summary/")["Location"] == "/check/q/emergency_signs/"


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    question=st.sampled_from(["emergency_signs", "urgent_signs", "size", "background", "x"]),
    options=st.lists(st.text(max_size=12), max_size=4),
)
def test_no_form_post_causes_a_server_error(client, question, options):
    response = client.post(f"/check/q/{question}/", {"option": options})
    assert response.status_code in (303, 302, 400, 404)


def test_answers_before_a_stale_one_are_kept(client):
    session = client.session
    session["triage_answers"] = {
        "emergency_signs": ["none"],
        "urgent_signs": ["none"],
        "location": ["no-longer-an-option"],
        "feel": ["soft"],
    }
    session.save()
    assert client.get("/check/summary/")["Location"] == "/check/q/location/"
    earlier = client.get("/check/q/urgent_signs/").content.decode()
    assert re.search(r'value="none"\s+checked', earlier)


# Plain words when an answer cannot be accepted ----------------------------------------------


def answer_until(client, question_id):
    """Answer each screen with no findings until the screen for question_id is reached."""
    qs = questions(client)
    url = "/check/q/emergency_signs/"
    for _ in range(30):
        if url == f"/check/q/{question_id}/":
            return url
        current = url.split("/")[-2]
        url = client.post(url, {"option": choose(qs[current], frozenset())})["Location"]
    raise AssertionError(f"never reached {question_id}")


def error_of(response) -> str:
    match = re.search(
        r'<p class="error-message" id="error-[^"]+"[^>]*>([^<]+)</p>', response.content.decode()
    )
    return match.group(1)


def test_none_of_these_with_a_sign_is_explained_in_plain_words(client):
    url = answer_until(client, "urgent_signs")
    response = client.post(url, {"option": ["fever", "none"]})
    assert response.status_code == 400
    assert error_of(response) == "Choose either “None of these” or the signs you have, not both."
    assert "cannot be combined" not in response.content.decode()
    assert re.search(r'value="fever"\s+checked', response.content.decode())


def test_the_exclusive_options_own_label_is_named(client):
    url = answer_until(client, "skin")
    response = client.post(url, {"option": ["red", "normal"]})
    assert response.status_code == 400
    assert error_of(response) == (
        "Choose either “None of these, the skin looks normal” or the signs you have, not both."
    )


@pytest.mark.parametrize(
    ("question_id", "options", "first", "second"),
    [
        (
            "pain",
            ["tender", "painless"],
            "The lump hurts when you touch or press it",
            "The lump does not hurt at all",
        ),
        ("change", ["growing", "stable"], None, None),
        ("movement", ["moves", "fixed"], None, None),
    ],
)
def test_two_answers_that_cannot_both_be_true_are_named(
    client, question_id, options, first, second
):
    """Issue 20: refused kindly, in the same words online, offline (triage.js) and without
    JavaScript: both answers named, and both kept ticked to choose between."""
    url = answer_until(client, question_id)
    response = client.post(url, {"option": options})
    assert response.status_code == 400
    labels = {o["id"]: o["label"] for o in questions(client)[question_id]["options"]}
    first, second = first or labels[options[0]], second or labels[options[1]]
    assert error_of(response) == (
        f"“{first}” and “{second}” cannot both be true. Choose the one that fits best."
    )
    for option in options:
        assert re.search(rf'value="{option}"\s+checked', response.content.decode())


def test_two_answers_to_a_single_choice_question_get_a_plain_message(client):
    url = answer_until(client, "size")
    response = client.post(url, {"option": ["small", "large"]})
    assert response.status_code == 400
    assert error_of(response) == "Choose one of the answers shown."
    assert "takes exactly one option" not in response.content.decode()


@pytest.mark.parametrize("options", [["bogus"], ["none", "bogus"], ["none", "none"]])
def test_other_refused_answers_get_a_plain_message(client, options):
    response = client.post("/check/q/emergency_signs/", {"option": options})
    assert response.status_code == 400
    assert error_of(response) == "Choose one of the answers shown."
    assert "unknown option" not in response.content.decode()


def test_htmx_gets_the_plain_message_too(client):
    response = client.post(
        "/check/q/emergency_signs/", {"option": ["saddle", "none"]}, headers=HTMX
    )
    assert response.status_code == 400
    assert "<html" not in response.content.decode()
    assert error_of(response) == "Choose either “None of these” or the signs you have, not both."


def test_the_api_keeps_the_engines_message(client):
    body = {"answers": {"emergency_signs": ["none"], "urgent_signs": ["fever", "none"]}}
    response = client.post("/api/triage/next", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert "cannot be combined with other options" in response.json()["error"]


# "None of these" says what "these" were -------------------------------------------------------

# A lipoma-like walk: every screen with signs gets "None of these" or "Not sure".
QUIET = ["soft", "moves", "painless", "size_small", "onset_long", "stable"]


def ruled_out_line(question: dict) -> str:
    """The summary's words under a "None of these" answer to `question`."""
    labels = [escape(o["label"]) for o in question["options"] if o["findings"]]
    return '<div class="ruled-out" data-if="row_ruled_out">No: ' + "; ".join(labels) + "</div>"


@pytest.mark.parametrize("page", ["/check/summary/", "/check/result/"])
def test_none_of_these_names_what_was_ruled_out(client, page):
    walk_forms(client, QUIET)
    html = client.get(page).content.decode()
    qs = questions(client)
    for question_id in ("emergency_signs", "urgent_signs", "surface", "background"):
        assert ruled_out_line(qs[question_id]) in html, question_id
    assert (
        "No: Numbness or tingling between your legs" in html and "; New trouble peeing" in html
    ), "the emergency signs are spelled out"
    # "the skin looks normal" rules out each sign of the skin question too.
    assert ruled_out_line(qs["skin"]) in html
    # A "Not sure" rules nothing out: "Where is the lump? Not sure" is not "No: on the spine".
    location = re.search(r"<dt>Where is the lump\?</dt>\s*<dd>(.*?)</dd>", html, re.DOTALL)
    assert location.group(1) == "Not sure"


def test_a_sign_chosen_has_no_ruled_out_list(client):
    html = walk_forms(client, ["fever", *QUIET])
    assert 'data-if="row_ruled_out">No: Numbness' in html
    fever = re.search(r"<dt>Do you have any of these\?</dt>\s*<dd>(.*?)</dd>", html, re.DOTALL)
    assert fever.group(1).startswith("A high temperature")
    assert "ruled-out" not in fever.group(1)


def test_ruled_out_rows_follow_the_questionnaires_own_none_of_these(client):
    """For every option of every question: a row lists what "these" were exactly when the
    option chosen is the question's "None of these" (exclusive, no findings, not "Not sure")."""
    from apps.triage.presenters import questionnaire_rows
    from apps.triage.questionnaire_store import current_questionnaire

    questionnaire = current_questionnaire()
    spec = client.get("/check/spec.json").json()["questions"]
    assert any(o["exclusive"] and not o["findings"] for q in spec for o in q["options"])
    for question in spec:
        for option in question["options"]:
            [row] = questionnaire_rows(questionnaire, {question["id"]: [option["id"]]})
            says_none = option["exclusive"] and not option["findings"] and not option["unsure"]
            expected = (
                [o["label"] for o in question["options"] if o["findings"]] if says_none else []
            )
            assert row["ruled_out"] == expected, (question["id"], option["id"])
            assert row["answer"] == [option["label"]]


def walk_state_done():
    """An assessment, to build result screens from."""
    from apps.triage.engine import QUESTIONNAIRE_PATH, load_questionnaire_file, walk

    return walk(load_questionnaire_file(QUESTIONNAIRE_PATH), {"emergency_signs": ["saddle"]}).step


def test_a_serious_cause_that_is_not_first_sits_apart_with_its_reasons(client, db):
    """A large soft lump: lipoma first, sarcoma in "A doctor may want to rule out" (H16)."""
    from apps.triage.engine import RankedCondition, ResultScreen

    def ranked(slug):
        return RankedCondition(slug=slug, name=slug, why=("because",))

    serious = frozenset({"soft-tissue-sarcoma", "skin-cancer"})
    ends = walk_state_done()
    screen = ResultScreen.of(
        {}, replace(ends, conditions=(ranked("lipoma"), ranked("soft-tissue-sarcoma"))), serious
    )
    assert [c.slug for c in screen.likely] == ["lipoma"]
    assert [c.slug for c in screen.rule_out] == ["soft-tissue-sarcoma"]
    screen = ResultScreen.of({}, replace(ends, conditions=(ranked("skin-cancer"),)), serious)
    assert [c.slug for c in screen.likely] == ["skin-cancer"] and screen.rule_out == ()
    walk_forms(client, ["loc_side", "soft", "moves", "painless", "size_large", "onset_long"])
    html = client.get("/check/result/").content.decode()
    box = html.split('class="rule-out"', 1)[1].split("</section>", 1)[0]
    assert "Soft tissue sarcoma" in box and "bigger than a golf ball" in box
    assert "Soft tissue sarcoma" not in html.split('class="condition-list"', 1)[1].split("</ol>")[0]


def test_an_empty_answer_names_the_screen_s_own_none_option_only_where_it_has_one(client):
    """ "…or “None of these”" was said on screens with no such option (Where, Feel, …)."""
    from apps.triage.presenters import empty_answer_message
    from apps.triage.questionnaire_store import current_questionnaire

    skin = current_questionnaire().question("skin")
    [normal] = [o for o in skin.options if o.id == "normal"]
    page = client.post("/check/q/emergency_signs/", {}).content.decode()
    assert "Choose at least one answer, or “None of these”." in page
    client.post("/check/q/emergency_signs/", {"option": ["none"]})
    client.post("/check/q/urgent_signs/", {"option": ["none"]})
    page = client.post("/check/q/location/", {}).content.decode()
    assert "Choose at least one answer.<" in page and "None of these" not in page
    assert empty_answer_message(skin) == f"Choose at least one answer, or “{normal.label}”."


def test_answers_given_offline_are_kept_when_the_phone_is_back_online(client):
    """triage.js sends an offline walk's answers once online: the result, the summary for the
    doctor and "Carry on" then use them, not the answers from before."""
    from tests.triage.walker import walk

    def api(answers):
        return client.post(
            "/api/triage/next", {"answers": answers}, content_type="application/json"
        ).json()

    online = walk(["soft", "moves", "painless", "size_small", "onset_long", "stable"], api)
    offline = walk(["fever", "red", "warm", "painful"], api)  # the phone's engine's twin
    before, after = online.result["assessment"], offline.result["assessment"]
    assert before["urgency"] != after["urgency"]
    walk_forms(client, ["soft", "moves", "painless", "size_small", "onset_long", "stable"])
    assert f'data-urgency="{before["urgency"]}"' in client.get("/check/result/").content.decode()
    response = client.post(
        "/check/offline-answers/", {"answers": offline.answers}, content_type="application/json"
    )
    assert response.status_code == 204
    assert f'data-urgency="{after["urgency"]}"' in client.get("/check/result/").content.decode()
    assert client.session["triage_answers"] == offline.answers


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b'{"answers": {"emergency_signs": ["no-such-option"]}}',
        b'{"answers": {}, "extra": 1}',
        b'{"answers": {"emergency_signs": "none"}}',
    ],
)
def test_offline_answers_that_the_engine_refuses_change_nothing(client, body):
    client.post("/check/q/emergency_signs/", {"option": ["none"]})
    before = client.session["triage_answers"]
    response = client.post("/check/offline-answers/", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]
    assert client.session["triage_answers"] == before


def test_offline_answers_sent_as_a_form_are_a_400_not_a_500():
    """The CSRF check reads a form body first; reading it again as JSON raised."""
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    page = strict.get("/check/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = strict.post("/check/offline-answers/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 400 and "JSON" in response.json()["error"]


def test_offline_answers_need_a_post_with_the_csrf_token(client):
    from django.test import Client

    assert client.get("/check/offline-answers/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    body = {"answers": {"emergency_signs": ["none"]}}
    assert (
        strict.post("/check/offline-answers/", body, content_type="application/json").status_code
        == 403
    )


def test_the_skin_and_surface_screens_offer_a_photo_and_no_other_does(client):
    """Issue 23: the questions about what the skin looks like offer "Take a photo to look"; the
    photo stays on the phone (no file input is ever sent: it has no name)."""
    from apps.triage.presenters import PHOTO_QUESTIONS
    from apps.triage.questionnaire_store import current_questionnaire

    for language in ("en", "es"):
        ids = [q.id for q in current_questionnaire(language).questions]
        assert set(ids) >= PHOTO_QUESTIONS, language
    findings = frozenset({"lump_present"})
    qs = questions(client)
    url = re.search(r'href="(/check/q/[^"]+)"', client.get("/check/").content.decode()).group(1)
    offered = {}
    for _ in range(30):
        question_id = url.split("/")[-2]
        html = client.get(url, headers=HTMX).content.decode()
        offered[question_id] = "data-photo-block" in html
        if offered[question_id]:
            assert "Take a photo to look" in html and f'data-photo-question="{question_id}"' in html
            tag = re.search(r'<input type="file"[^>]*>', html).group(0)
            assert " name=" not in tag
        url = client.post(url, {"option": choose(qs[question_id], findings)})["Location"]
        if not url.startswith("/check/q/"):
            break
    assert {q for q, yes in offered.items() if yes} == PHOTO_QUESTIONS
    assert len(offered) > len(PHOTO_QUESTIONS)


def test_the_offline_screens_keep_the_photo_block_for_the_same_questions(client):
    from apps.triage.presenters import PHOTO_QUESTIONS

    html = client.get("/check/offline-screens/").content.decode()
    question = html[html.index('<template id="offline-question">') :]
    question = question[: question.index('<template id="offline-summary">')]
    assert '<div data-if="photo">' in question and "data-photo-block" in question
    messages = json.loads(re.search(r'id="offline-messages"[^>]*>(.*?)</script>', html).group(1))
    assert messages["photo_questions"] == sorted(PHOTO_QUESTIONS)


@pytest.mark.parametrize("htmx", [False, True], ids=["form", "htmx"])
def test_an_answer_filled_in_from_the_diary_is_offered_on_the_next_screen(client, htmx):
    """The next screen, whether drawn in the answer's own response (htmx) or after the 303,
    offers the diary's answer ticked, for the person to confirm."""
    session = client.session
    session["triage_prefill"] = {"location": ["side"]}
    session.save()
    headers = HTMX if htmx else {}
    client.post("/check/q/emergency_signs/", {"option": ["none"]}, headers=headers)
    response = client.post("/check/q/urgent_signs/", {"option": ["none"]}, headers=headers)
    if not htmx:
        assert response["Location"] == "/check/q/location/"
        response = client.get(response["Location"])
    html = response.content.decode()
    assert 'data-question="location"' in html and 'id="filled-in"' in html
    assert re.search(r'value="side"[^>]*checked', html)
