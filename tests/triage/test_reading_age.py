"""The questionnaire reads plainly: every group at Flesch reading ease >= 70, and every result
text (levels, reasons, advice, causes' care and "go now if" lines) also at Flesch-Kincaid
grade <= 4.5, the NHS's reading age of about 9 (the clinical review of 2026-12-06).

Flesch is unreliable on a few words, so texts are scored in groups: each question with its
help, option labels and "Not sure" note, each urgency level's headline with its next steps,
all the reason sentences together, all the advice lines together, and each condition's name
with its care lines and "go now if" signs. (The note, advice and "go now if" fields are read
when the engine's model has them.)
"""

from apps.triage.engine import QUESTIONNAIRE_PATH, load_questionnaire_file
from tests.reading_age import MAX_GRADE, MIN_READING_EASE, grade, reading_ease, sentences


def questionnaire_groups() -> dict[str, str]:
    questionnaire = load_questionnaire_file(QUESTIONNAIRE_PATH)
    groups = {}
    for question in questionnaire.questions:
        labels = [option.label for option in question.options]
        note = getattr(question, "unsure_note", "")
        groups[f"question {question.id}"] = sentences(question.text, question.help, *labels, note)
    for level in questionnaire.levels:
        groups[f"urgency level {level.code}"] = sentences(level.headline, *level.next_steps)
    groups["reasons"] = sentences(*(text for _finding, text in questionnaire.reasons))
    advice = getattr(questionnaire, "advice", ())
    if advice:
        groups["advice"] = sentences(*(line.text for line in advice))
    for condition in questionnaire.conditions:
        go_now_if = getattr(condition, "go_now_if", "")
        groups[f"condition {condition.slug}"] = sentences(
            condition.name, *condition.care, go_now_if
        )
    return groups


def test_questionnaire_text_is_plain_english():
    scores = {
        name: reading_ease(text, markdown=False) for name, text in questionnaire_groups().items()
    }
    for name, score in sorted(scores.items(), key=lambda item: item[1]):
        print(f"{score:6.1f}  {name}")
    failures = [
        f"{name}: Flesch reading ease {score:.1f}"
        for name, score in sorted(scores.items(), key=lambda item: item[1])
        if score < MIN_READING_EASE
    ]
    assert not failures, f"questionnaire groups below {MIN_READING_EASE}:\n" + "\n".join(failures)


def test_result_texts_read_at_a_reading_age_of_9():
    results = {
        name: grade(text, markdown=False)
        for name, text in questionnaire_groups().items()
        if not name.startswith("question ")
    }
    assert len(results) > 20
    too_hard = [f"{name}: grade {g:.2f}" for name, g in sorted(results.items()) if g > MAX_GRADE]
    assert not too_hard, f"result texts above grade {MAX_GRADE}:\n" + "\n".join(too_hard)
