"""The hand-over summary as a typed object: one triage walk and the phone's diary, built from
what the triage engine, its presenters and the diary already say, for the presenters in
html (the page), text.py (the QR code and Share) and fhir.py to read.

Built from explicit inputs only (a questionnaire, answers, check-ins, reminders, a clock);
selectors.py gathers those for one phone."""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from apps.diary import chart, diary
from apps.diary.models import CheckIn
from apps.reminders.models import Reminder
from apps.triage import flow
from apps.triage.engine import Questionnaire, RankedCondition
from apps.triage.engine.contract import LOCATION, RED_FLAGS, SIZE, URGENCY_RANK
from apps.triage.presenters import questionnaire_rows, urgency_view
from apps.triage.words import finding_words, red_flag_labels, topic
from lumpguide.regions import Region


@dataclass(frozen=True)
class AnswerLine:
    """One answered question: what was asked, what the person chose, and for a "None of
    these" what "these" were."""

    question_id: str
    topic: str
    question: str
    chosen_ids: tuple[str, ...]
    said: tuple[str, ...]
    ruled_out: tuple[str, ...]
    not_reported: tuple[str, ...]  # warning signs asked about and not chosen
    unsure: bool
    warning_signs: bool  # a question about red flags (always asked afresh)


@dataclass(frozen=True)
class Cause:
    slug: str
    name: str
    why: tuple[str, ...]
    features: tuple[str, ...] = ()  # the findings behind `why`, in a clinician's few words


@dataclass(frozen=True)
class Advice:
    urgency: str
    label: str
    headline: str
    action: str
    card_class: str
    red_flags: tuple[str, ...]  # contract codes of the red flags that decided it
    red_flag_labels: tuple[str, ...]
    next_steps: tuple[str, ...]
    follow_up_days: int | None


@dataclass(frozen=True)
class Triage:
    version: str
    answers: dict[str, list[str]]
    answered_on: dt.date | None  # None: this browser's current walk
    # When the answers were given (the session's last change; for a walk a reminder kept,
    # when it was kept); None if not known
    answered_at: dt.datetime | None
    # The same walk always has the same id: on paper, in the QR text and in the FHIR file
    document_id: str
    complaint: str  # the presenting complaint in one line, in a clinician's few words
    lines: tuple[AnswerLine, ...]
    advice: Advice
    likely: tuple[Cause, ...]
    rule_out: tuple[Cause, ...]
    findings: tuple[str, ...]  # contract codes the answers assert, in the walk's order
    red_flags_ruled_out: tuple[str, ...]  # asked about and not reported

    @property
    def warning_lines(self) -> tuple[AnswerLine, ...]:
        return tuple(line for line in self.lines if line.warning_signs)

    @property
    def other_lines(self) -> tuple[AnswerLine, ...]:
        return tuple(line for line in self.lines if not line.warning_signs)

    @property
    def red_flag_words(self) -> tuple[str, ...]:
        """The red flags that decided the advice, in a clinician's words."""
        return tuple(finding_words(f) for f in self.advice.red_flags)

    @property
    def unsure_topics(self) -> tuple[str, ...]:
        return tuple(line.topic for line in self.lines if line.unsure)


@dataclass(frozen=True)
class CheckInRow:
    check_in: CheckIn
    size: str
    size_cm: float | None
    pain: int
    signs: tuple[str, ...]


@dataclass(frozen=True)
class Diary:
    total: int
    rows: tuple[CheckInRow, ...]  # the latest chart.MAX_POINTS, oldest first
    first: CheckIn
    concerns: tuple[str, ...]
    grown: bool
    open_reminders: tuple[Reminder, ...]
    zone_name: str

    @property
    def check_ins(self) -> list[CheckIn]:
        return [row.check_in for row in self.rows]

    @property
    def latest(self) -> CheckIn:
        return self.rows[-1].check_in

    @property
    def first_cm(self) -> float | None:
        return diary.size_cm(self.first)


@dataclass(frozen=True)
class Handover:
    made_at: dt.datetime
    zone_name: str
    region: Region
    triage: Triage | None
    diary: Diary | None

    @property
    def empty(self) -> bool:
        return self.triage is None and self.diary is None

    @property
    def alerts(self) -> tuple["SafetyNetAlert", ...]:
        return safety_net_alerts(self.triage, self.diary)


#: Questions (not red-flag screens) whose options not ticked are listed as "Not reported".
NEGATIVES_NEEDED = frozenset({"background"})


def build_triage(
    *,
    questionnaire: Questionnaire,
    answers: dict[str, list[str]],
    answered_on: dt.date | None,
    region: Region,
    answered_at: dt.datetime | None = None,
) -> Triage | None:
    """The walk's summary, or None when the answers do not reach a result."""
    state = flow.resume(questionnaire, answers)
    screen = state.result_screen()
    if screen is None:
        return None
    assessment = screen.assessment
    rows = questionnaire_rows(questionnaire, screen.answers)
    lines, findings, ruled_out_flags = [], [], []
    for (question_id, chosen_ids), row in zip(screen.answers.items(), rows, strict=True):
        question = questionnaire.question(question_id)
        chosen = [question.option(option_id) for option_id in chosen_ids]
        chosen = [option for option in chosen if option is not None]
        warning = not flow.may_suggest(question)
        unsure = any(option.unsure for option in chosen)
        # What was not ticked was asked about and not reported: on the red-flag screens, and on
        # those whose negatives a clinician needs too (background: cancer before, weight
        # loss, blood thinners...; the GP's reading)
        any_of = warning or question_id in NEGATIVES_NEEDED
        for option in chosen:
            findings.extend(f for f in option.findings if f not in findings)
        if warning and not unsure:
            ruled_out_flags.extend(
                f
                for f in question.declared_findings & frozenset(RED_FLAGS)
                if not any(f in option.findings for option in chosen)
            )
        lines.append(
            AnswerLine(
                question_id=question_id,
                topic=topic(question_id, question.text),
                question=row["question"],
                chosen_ids=tuple(chosen_ids),
                # In a clinician's few words where the answer asserts findings ("painless", not
                # "The lump does not hurt at all"); "None of these" and "Not sure" as chosen
                said=tuple(
                    "; ".join(finding_words(f) for f in option.findings)
                    if option.findings
                    else option.label
                    for option in chosen
                ),
                # What was asked and not said, in a clinician's few words ("saddle
                # numbness"), not the long questions the person read: one line, not a page
                ruled_out=_clinical_words(
                    o for o in question.options if row["ruled_out"] and o.findings
                ),
                not_reported=_clinical_words(
                    o
                    for o in question.options
                    if any_of and not unsure and o.findings and o.id not in chosen_ids
                ),
                unsure=unsure,
                warning_signs=warning,
            )
        )
    view = urgency_view(assessment.urgency, region)
    return Triage(
        version=questionnaire.version,
        answers=screen.answers,
        answered_on=answered_on,
        answered_at=answered_at,
        document_id=document_id(questionnaire.version, screen.answers, answered_at),
        complaint=presenting_complaint(findings),
        lines=tuple(lines),
        advice=Advice(
            urgency=assessment.urgency,
            label=view.label,
            headline=assessment.headline,
            action=view.action,
            card_class=view.card_class,
            red_flags=tuple(assessment.red_flags),
            red_flag_labels=tuple(red_flag_labels(list(assessment.red_flags))),
            next_steps=tuple(assessment.next_steps),
            follow_up_days=assessment.follow_up_days,
        ),
        likely=tuple(_cause(c, questionnaire) for c in screen.likely),
        rule_out=tuple(_cause(c, questionnaire) for c in screen.rule_out),
        findings=tuple(findings),
        red_flags_ruled_out=tuple(f for f in RED_FLAGS if f in ruled_out_flags),
    )


def build_diary(
    *,
    check_ins: list[CheckIn],
    total: int,
    first: CheckIn | None,
    reminders: list[Reminder],
    open_reminders: list[Reminder],
    zone_name: str,
) -> Diary | None:
    """The diary's part: the latest check-ins (at most the chart's), what changed for the worse
    (the diary's own concerns) and the reminders still to come. None without check-ins."""
    check_ins = check_ins[-chart.MAX_POINTS :]
    if not check_ins or first is None:
        return None
    ends = [first] if total == 1 else [first, check_ins[-1]]
    return Diary(
        total=total,
        rows=tuple(
            CheckInRow(
                check_in=c,
                size=diary.size_label(c),
                size_cm=diary.size_cm(c),
                pain=c.pain,
                signs=tuple(diary.flags(c)),
            )
            for c in check_ins
        ),
        first=first,
        concerns=tuple(
            concern.text for concern in diary.concerns(check_ins=ends, reminders=reminders)
        ),
        grown=diary.has_grown(ends),
        open_reminders=tuple(open_reminders),
        zone_name=zone_name,
    )


def key_findings(triage: Triage) -> list[str]:
    """The findings in a few words each, but the red flags and the presenting complaint's
    (they are said on their own lines)."""
    said_apart = set(RED_FLAGS) | {f for group in _COMPLAINT_PARTS for f in group}
    said_apart.add("over_two_weeks")
    return [finding_words(f) for f in triage.findings if f not in said_apart]


def _clinical_words(options) -> tuple[str, ...]:
    """The hand-over's short words for these options' findings, each once, in order."""
    words = [finding_words(f) for option in options for f in option.findings]
    return tuple(dict.fromkeys(words))


def document_id(version: str, answers: dict[str, list[str]], answered_at) -> str:
    """A stable id for one walk ("lg-" and 12 hex digits, short enough for the QR text): the
    same answers given at the same time always get it."""
    walk = json.dumps(
        {"v": version, "a": answers, "t": answered_at.isoformat() if answered_at else ""},
        sort_keys=True,
    )
    return "lg-" + hashlib.sha256(walk.encode()).hexdigest()[:12]


#: The presenting complaint's parts, in the order a referral gives them.
_COMPLAINT_PARTS = (
    LOCATION,
    SIZE,
    ("onset_days", "onset_weeks", "onset_long"),
    ("growing", "stable", "shrinking", "recurring", "regrown_after_removal"),
    ("tender", "painless"),
)


def presenting_complaint(findings) -> str:
    """ "Lump on the lower back: side of the lower back; 2 to 5 cm; 1 to 6 weeks; growing;
    tender." from the walk's findings (only what the person said)."""
    said = set(findings)
    parts = []
    for group in _COMPLAINT_PARTS:
        parts += [finding_words(f) for f in group if f in said]
    if "over_two_weeks" in said and "onset_weeks" in said:
        parts.append(finding_words("over_two_weeks"))
    if not parts:
        return _("Lump on the lower back.")
    return _("Lump on the lower back: %(details)s.") % {"details": "; ".join(parts)}


@dataclass(frozen=True)
class SafetyNetAlert:
    """A check-in made after the advice that meets the advice's own "get help" signs."""

    check_in: CheckIn
    text: str


def safety_net_alerts(triage: Triage | None, part: Diary | None) -> tuple[SafetyNetAlert, ...]:
    """Check-ins since the advice that the result page's own safety net says need more: red and
    hot and sore ("get medical help today"), or bigger than at the advice ("see a doctor within 2
    weeks"), when the advice was less urgent than that."""
    if triage is None or part is None:
        return ()
    since = triage.answered_at
    if since is None and triage.answered_on is not None:
        since = timezone.make_aware(dt.datetime.combine(triage.answered_on, dt.time.min))
    if since is None:
        return ()
    later = [row.check_in for row in part.rows if row.check_in.recorded_at >= since]
    rank = URGENCY_RANK[triage.advice.urgency]
    alerts = []
    # The newest such check-in only: the text stays short enough for the QR code
    hot = [c for c in later if c.red and c.hot and c.pain > 0]
    for check_in in hot[-1:]:
        day = _day(check_in, part.zone_name)
        if rank < URGENCY_RANK["urgent"]:
            signs = ", ".join(
                [*diary.flags(check_in), _("pain %(pain)s/10") % {"pain": check_in.pain}]
            )
            alerts.append(
                SafetyNetAlert(
                    check_in,
                    _(
                        "The check-in of %(day)s, after the advice, says: %(signs)s. The advice "
                        "given says to get medical help today if it becomes red, hot and sore."
                    )
                    % {"day": day, "signs": signs},
                )
            )
    if len(later) >= 2 and diary.has_grown(later) and rank < URGENCY_RANK["soon"]:
        alerts.append(
            SafetyNetAlert(
                later[-1],
                _(
                    "The lump has grown in the check-ins since the advice: the advice given says "
                    "to see a doctor within 2 weeks if it gets bigger."
                ),
            )
        )
    return tuple(alerts)


def _day(check_in: CheckIn, zone_name: str) -> str:
    with timezone.override(zone_name):
        return formats.date_format(timezone.localtime(check_in.recorded_at), "SHORT_DATE_FORMAT")


def _cause(ranked: RankedCondition, questionnaire: Questionnaire) -> Cause:
    """A listed cause, with the findings behind its reasons in a clinician's words."""
    finding_of = {text: finding for finding, text in questionnaire.reasons}
    features = tuple(finding_words(finding_of[w]) for w in ranked.why if w in finding_of)
    return Cause(ranked.slug, ranked.name, ranked.why, features)
