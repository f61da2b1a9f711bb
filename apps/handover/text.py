"""The summary as compact plain text: what the QR code holds and what "Share" sends.

A few short lines a clinician reads at a glance: the document's id, the presenting complaint,
when the answers were given, the advice, the red flags reported and those asked about and not
reported (a self-report rules nothing out), the key findings, what the person was unsure of,
the possible causes and those to exclude, and the size and pain trend of the diary with any
check-in since the advice that meets its own "get help" signs. Its length is bounded by
the questionnaire (every finding at most once) and by the diary's two ends, whatever the
number of check-ins."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.handover.summary import Diary, Handover, key_findings
from apps.triage.words import URGENCY_WORDS, finding_words
from lumpguide import numbers


def local_time(value, zone_name: str) -> str:
    """A date and time as a clinician in `zone_name` reads it (short format)."""
    with timezone.override(zone_name):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def local_day(value, zone_name: str) -> str:
    with timezone.override(zone_name):
        return formats.date_format(timezone.localtime(value), "SHORT_DATE_FORMAT")


def _cm(value: float | None) -> str:
    return (
        _("%(cm)s cm") % {"cm": numbers.decimal(value)} if value is not None else _("not recorded")
    )


def summary_text(handover: Handover) -> str:
    lines = [
        _("LumpGuide summary for a clinician, made %(when)s (%(zone)s).")
        % {"when": local_time(handover.made_at, handover.zone_name), "zone": handover.zone_name},
        _("From the person's own answers. Not a diagnosis."),
    ]
    triage = handover.triage
    if triage is not None:
        advice = triage.advice
        lines.insert(2, _("Document %(id)s.") % {"id": triage.document_id})
        lines.append(triage.complaint)
        if triage.answered_at is not None:
            lines.append(
                _("Answers given %(when)s.")
                % {"when": local_time(triage.answered_at, handover.zone_name)}
            )
        lines.append(
            _("Advice (%(level)s): %(headline)s")
            % {"level": URGENCY_WORDS[advice.urgency], "headline": advice.headline}
        )
        if advice.red_flags:
            lines.append(
                _("Red flags reported: %(flags)s.")
                % {"flags": "; ".join(finding_words(f) for f in advice.red_flags)}
            )
        if triage.red_flags_ruled_out:
            lines.append(
                _("Red flags asked about, not reported: %(flags)s.")
                % {"flags": "; ".join(finding_words(f) for f in triage.red_flags_ruled_out)}
            )
        findings = key_findings(triage)
        if findings:
            lines.append(_("Findings: %(findings)s.") % {"findings": "; ".join(findings)})
        if triage.unsure_topics:
            lines.append(_("Not sure: %(topics)s.") % {"topics": "; ".join(triage.unsure_topics)})
        causes = [c.name for c in triage.likely]
        if causes:
            lines.append(_("Possible causes: %(causes)s.") % {"causes": "; ".join(causes)})
        if triage.rule_out:
            lines.append(
                _("To exclude: %(causes)s.")
                % {"causes": "; ".join(c.name for c in triage.rule_out)}
            )
        lines.append(_("Questionnaire version %(version)s.") % {"version": triage.version})
    if handover.diary is not None:
        lines += diary_lines(handover.diary)
    lines += [alert.text for alert in handover.alerts]
    return "\n".join(lines)


def diary_lines(part: Diary) -> list[str]:
    """The diary in a line or two: its check-ins, the size and pain at its two ends, and
    whether the lump has grown."""
    lines = []
    first, latest = part.first, part.latest
    count = ngettext("%(count)s check-in", "%(count)s check-ins", part.total) % {
        "count": part.total
    }
    if part.total == 1:
        lines.append(
            _("Diary: %(count)s, %(start)s: size %(size)s, pain %(pain)s/10.")
            % {
                "count": count,
                "start": local_day(first.recorded_at, part.zone_name),
                "size": _cm(part.rows[0].size_cm),
                "pain": first.pain,
            }
        )
    else:
        lines.append(
            _(
                "Diary: %(count)s, %(start)s to %(end)s: size %(size1)s to %(size2)s; "
                "pain %(pain1)s/10 to %(pain2)s/10."
            )
            % {
                "count": count,
                "start": local_day(first.recorded_at, part.zone_name),
                "end": local_day(latest.recorded_at, part.zone_name),
                "size1": _cm(part.first_cm),
                "size2": _cm(part.rows[-1].size_cm),
                "pain1": first.pain,
                "pain2": latest.pain,
            }
        )
    if part.grown:
        lines.append(_("The lump has grown since the first check-in."))
    return lines
