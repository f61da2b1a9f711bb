"""The words for the questionnaire's codes, in one place: each contract code (finding, red
flag, urgency) and each question id, said once here and translated once in the .po files.

- The person's words: the urgency's label on the result ("Urgent advice: today") and each red
  flag as "This is because of what you said about: ..." names it.
- A clinician's few words, for the hand-over (the page, the QR text, the FHIR file): a heading
  per question, a few words per finding ("saddle numbness"), the advice in a word or two.

The person's own answers keep the questionnaire's words (content/triage/questionnaire*.yaml).
Anything missing falls back to the questionnaire's words or the code (so a new question or
finding never breaks a page); tests/triage/test_words.py holds every code to its words."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Lazy: made once at import, said in the language of each request that reads them.

#: The urgency's label on the result page and the hand-over, in the person's words.
URGENCY_LABELS = {
    "emergency": _("Immediate action required"),
    "urgent": _("Urgent advice: today"),
    "soon": _("Soon, not today"),
    "routine": _("Non-urgent advice"),
    "self_care": _("Self-care"),
}

#: Each red flag, as the result page says what the advice is because of.
RED_FLAG_LABELS = {
    "saddle_numbness": _("numbness between your legs or around your bottom"),
    "bladder_bowel_change": _("a change in peeing or pooing"),
    "sexual_dysfunction": _("a change in sexual feeling or function"),
    "both_legs_symptoms": _("symptoms in both legs"),
    "very_unwell": _("feeling very unwell"),
    "leg_weakness": _("weakness in one leg"),
    "fever": _("a high temperature"),
    "spreading_redness": _("redness spreading from the lump"),
    "severe_pain": _("very bad pain"),
    "chest_pain": _("pain in or spreading to your chest"),
    "sudden_severe_pain": _("sudden, very bad pain"),
    "serious_accident": _("a serious accident"),
    "numb_one_leg": _("numbness in one leg"),
    "blistering_rash": _("a rash of blisters"),
}


#: A clinician's heading for each question.
TOPICS = {
    "emergency_signs": _("Emergency warning signs (last few days, even once)"),
    "urgent_signs": _("Urgent warning signs"),
    "location": _("Where"),
    "feel": _("Feel"),
    "movement": _("Mobility"),
    "skin": _("Skin over it"),
    "surface": _("Surface"),
    "smell": _("Smell of discharge"),
    "pain": _("Pain"),
    "size": _("Size"),
    "onset": _("First noticed"),
    "change": pgettext_lazy("the answers about how the lump has changed", "Change"),
    "background": _("Background"),
}

#: The advice in a word or two, for the compact text.
URGENCY_WORDS = {
    "emergency": _("emergency"),
    "urgent": _("urgent, today"),
    "soon": _("soon, within 2 weeks"),
    "routine": _("routine"),
    "self_care": _("self-care"),
}

FINDING_WORDS = {
    "saddle_numbness": _("saddle numbness"),
    "bladder_bowel_change": _("bladder or bowel change"),
    "sexual_dysfunction": _("sexual dysfunction"),
    "both_legs_symptoms": _("symptoms in both legs"),
    "very_unwell": _("signs of sepsis"),
    "leg_weakness": _("weakness in one leg"),
    "fever": _("fever"),
    "spreading_redness": _("spreading redness"),
    "severe_pain": _("severe pain"),
    "cancer_history": _("cancer before"),
    "weight_loss": _("weight loss"),
    "night_sweats": _("night sweats"),
    "night_pain": _("night or rest pain"),
    "immunosuppressed": _("immunosuppressed or injects drugs"),
    "diabetes": _("diabetes"),
    "recent_injury": _("recent injury"),
    "blood_thinners": _("blood thinners or bleeds easily"),
    "age_over_50": _("50 or older"),
    "pregnant": _("pregnant or recently gave birth"),
    "under_16": _("under 16"),
    "loc_spine": _("on the spine"),
    "loc_buttock_cleft": _("top of the buttock cleft"),
    "loc_side": _("side of the lower back"),
    "loc_hip_bone": _("over the back of the hip bone"),
    "soft": _("soft"),
    "firm": _("firm"),
    "hard": _("hard"),
    "moves": _("mobile"),
    "fixed": _("fixed"),
    "deep": _("deep"),
    "central_dot": _("central punctum"),
    "fluid": _("fluctuant"),
    "red": _("red"),
    "warm": _("warm"),
    "discharge": _("discharge"),
    "foul_smell": _("foul smell"),
    "mole_change": _("changing mole"),
    "bleeding_sore": _("bleeding or non-healing sore"),
    "bruised": _("bruised"),
    "hair_pit": _("pit with hair"),
    "tender": _("tender"),
    "painless": _("painless"),
    "sciatica": _("sciatica"),
    "back_pain": _("low back pain"),
    "pain_sitting": _("pain on sitting"),
    "size_small": _("under 2 cm"),
    "size_medium": _("2 to 5 cm"),
    "size_large": _("over 5 cm"),
    "onset_days": _("under a week"),
    "onset_weeks": _("1 to 6 weeks"),
    "onset_long": _("over 6 weeks"),
    "growing": _("growing"),
    "stable": _("not changing"),
    "recurring": _("recurring"),
    "regrown_after_removal": _("regrown after removal"),
    # Added 2026-12-06 (the contract)
    "chest_pain": _("chest pain or pain between the shoulder blades"),
    "sudden_severe_pain": _("sudden severe back or abdominal pain"),
    "serious_accident": _("after a serious accident"),
    "numb_one_leg": _("numbness in one leg"),
    "blistering_rash": _("blistering rash"),
    "cancer_treatment_now": _("on cancer treatment (now or last 6 weeks)"),
    "osteoporosis_steroids": _("osteoporosis or long-term steroids"),
    "recent_back_procedure": _("back surgery, injection or epidural in last 3 months"),
    "urine_symptoms": _("urinary symptoms"),
    "pain_cough_sneeze": _("pain worse on coughing or straining"),
    "checked_harmless": _("examined before and called benign, unchanged"),
    "recurring_lumps_elsewhere": _("recurrent lumps in armpits, groin or buttocks"),
    "pressure_sore": _("over a pressure point, mostly in bed or chair"),
    "since_birth": _("present since birth"),
    "several_heads": _("several heads"),
    "reducible_bulge": _("reducible bulge"),
    "mole": _("mole or pigmented spot"),
    "pearly": _("pearly or rolled edge"),
    "shrinking": _("getting smaller"),
    "over_two_weeks": _("over 2 weeks"),
}


def topic(question_id: str, fallback: str) -> str:
    return str(TOPICS.get(question_id, fallback))


def finding_words(code: str) -> str:
    return str(FINDING_WORDS.get(code, code.replace("_", " ")))


def red_flag_labels(codes) -> list[str]:
    return [str(RED_FLAG_LABELS.get(code, code.replace("_", " "))) for code in codes]
