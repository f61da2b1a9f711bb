"""The questionnaire reads at a UK reading age of 11 or under (Flesch reading ease >= 60).

Flesch is unreliable on a few words, so texts are scored in groups: each question with its
help, option labels and "Not sure" note, each urgency level's headline with its next steps,
all the reason sentences together, all the advice lines together, and each condition's name
with its care lines and "go now if" signs. (The note, advice and "go now if" fields are read
when the engine's model has them.)
"""

from apps.triage.engine import QUESTIONNAIRE_PATH, load_questionnaire_file
from tests.reading_age import MIN_READING_EASE, reading_ease, sentences


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
