"""LumpGuide's triage engine: pure Python, no Django, no I/O except load_questionnaire_file.

questionnaire = load_questionnaire_file(QUESTIONNAIRE_PATH)
step = next_step(questionnaire, {"emergency_signs": ["none"]})
step.to_dict()  # the JSON body of POST /api/triage/next
"""

from pathlib import Path

from .assess import assess
from .errors import AnswerError, QuestionnaireError
from .flow import (
    Walk,
    answer,
    answer_walk,
    resume,
    screen_progress,
    walk,
    well_formed_prefix,
)
from .loader import load_questionnaire, load_questionnaire_file
from .model import (
    Assessment,
    Condition,
    NextQuestion,
    Option,
    Progress,
    Question,
    Questionnaire,
    RankedCondition,
    UrgencyLevel,
    UrgencyRule,
)
from .screens import QuestionScreen, ResultScreen, Screen, ScreenProgress, SummaryScreen
from .walk import next_step, prune_answers

#: The shipped questionnaire: content/triage/questionnaire.yaml at the project root.
QUESTIONNAIRE_PATH = (
    Path(__file__).resolve().parents[3] / "content" / "triage" / "questionnaire.yaml"
)

__all__ = [
    "QUESTIONNAIRE_PATH",
    "AnswerError",
    "Assessment",
    "Condition",
    "NextQuestion",
    "Option",
    "Progress",
    "Question",
    "QuestionScreen",
    "Questionnaire",
    "QuestionnaireError",
    "RankedCondition",
    "ResultScreen",
    "Screen",
    "ScreenProgress",
    "SummaryScreen",
    "UrgencyLevel",
    "UrgencyRule",
    "Walk",
    "answer",
    "answer_walk",
    "assess",
    "load_questionnaire",
    "load_questionnaire_file",
    "next_step",
    "prune_answers",
    "resume",
    "screen_progress",
    "walk",
    "well_formed_prefix",
]
