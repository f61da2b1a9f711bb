"""Score text for plain English: Flesch reading ease with textstat, on Markdown made plain.

The target is the NHS's reading age of about 9 (the clinical review, brief 8.5): Flesch
reading ease of at least MIN_READING_EASE and a Flesch-Kincaid grade of at most MAX_GRADE
(textstat 0.7.8), for every article and every result text. Flesch is unreliable on a few
words, so callers score texts in groups (a whole article, a question with its help and
options) rather than line by line.
"""

import re

import textstat

MIN_READING_EASE = 70
MAX_GRADE = 4.5

# Medical names are given so a person can look them up and tell a doctor what they read, but
# a long Latin or Greek name should not count against the plain words around it. Each term
# (and its plural with "s" or "es") is replaced by PLACEHOLDER before scoring. Keep this list short:
# only names of conditions, germs and tests, never ordinary words that have a plainer choice.
PLACEHOLDER = "lump"
MEDICAL_TERMS = (
    "basal cell carcinoma",
    "basal cell",
    "cauda equina syndrome",
    "cauda equina",
    "cellulitis",
    "dermatofibrosarcoma protuberans",
    "discitis",
    "epidermoid",
    "epidural abscess",
    "epidural",
    "episacroiliac lipoma",
    "haematoma",
    "herniated disc",
    "liposarcoma",
    "lipoma",
    "melanoma",
    "osteomyelitis",
    "pilonidal sinus",
    "pilonidal",
    "sarcoma",
    "sebaceous",
    "squamous cell carcinoma",
    "squamous cell",
    "Staphylococcus aureus",
    "vertebral osteomyelitis",
    # Added with the look-alike articles (2026-12-06)
    "abdominal aortic aneurysm",
    "aortic aneurysm",
    "aneurysm",
    "carbuncle",
    "dermatofibroma",
    "folliculitis",
    "hidradenitis suppurativa",
    "hidradenitis",
    "neutropenic sepsis",
    "osteoporosis",
    "pyelonephritis",
    "spina bifida occulta",
    "spina bifida",
    "spinal dysraphism",
    "dysraphism",
    # Condition names as the result page lists them (each is also its article's title)
    "kidney infection",
    "lumbar hernia",
    "pressure ulcer",
    "spinal fracture",
    "spinal infection",
    "spinal tumour",
)
_MEDICAL_TERM = re.compile(
    r"\b(?:"
    + "|".join(
        r"\s+".join(map(re.escape, term.split()))
        for term in sorted(MEDICAL_TERMS, key=len, reverse=True)
    )
    + r")(?:e?s)?\b",
    re.IGNORECASE,
)

_END_PUNCTUATION = (".", "!", "?", ":")


def plain_text(markdown: str) -> str:
    """Markdown as the reader sees it, one sentence-like unit per heading or list item.

    Heading markers, list bullets and numbers, emphasis, inline code and HTML tags go; links
    keep their text. A heading or list item without end punctuation gets a full stop, since
    the reader meets it as one unit and textstat would otherwise run it into the next line.
    """
    text = re.sub(r"<[^>]+>", " ", markdown)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [text](url) -> text
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|\b_|_\b)", "", text)
    units: list[str] = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            units.append(" ".join(paragraph))
            paragraph.clear()

    for raw_line in text.splitlines():
        line = raw_line.strip()
        block = re.match(r"(#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)(.*)", line)
        if not line:
            end_paragraph()
        elif block:
            end_paragraph()
            unit = block.group(2).strip()
            if unit and not unit.endswith(_END_PUNCTUATION):
                unit += "."
            units.append(unit)
        else:
            paragraph.append(line)
    end_paragraph()
    return "\n".join(unit for unit in units if unit)


def replace_medical_terms(text: str) -> str:
    return _MEDICAL_TERM.sub(PLACEHOLDER, text)


def reading_ease(text: str, *, markdown: bool = True) -> float:
    """Flesch reading ease of text (higher is easier; 60 or more is plain English)."""
    if markdown:
        text = plain_text(text)
    return textstat.flesch_reading_ease(replace_medical_terms(text))


def grade(text: str, *, markdown: bool = True) -> float:
    """Flesch-Kincaid grade of text (a US school grade; 4.5 is about a reading age of 9)."""
    if markdown:
        text = plain_text(text)
    return textstat.flesch_kincaid_grade(replace_medical_terms(text))


def sentences(*texts: str) -> str:
    """Join short texts (a headline, option labels) as separate sentences for scoring."""
    units = []
    for text in texts:
        text = " ".join(text.split())
        if text and not text.endswith(_END_PUNCTUATION):
            text += "."
        if text:
            units.append(text)
    return "\n".join(units)


#: Spanish: Fernández-Huerta reading ease (Flesch re-weighted for Spanish; 70 or more is
#: "bastante fácil", read by a 12-year-old) with textstat's Spanish syllable counts.
MIN_SPANISH_READING_EASE = 70


def spanish_reading_ease(text: str, *, markdown: bool = True) -> float:
    if markdown:
        text = plain_text(text)
    textstat.set_lang("es")
    try:
        return textstat.fernandez_huerta(text)
    finally:
        textstat.set_lang("en_US")
