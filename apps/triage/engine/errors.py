"""The two errors the triage engine raises."""


class QuestionnaireError(ValueError):
    """The questionnaire data is malformed; the message names the question, option or field."""


class AnswerError(ValueError):
    """The answers sent are malformed or do not fit the walk; the message says what is wrong."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
