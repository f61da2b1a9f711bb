"""The one table of everyday sizes (content/sizes.yaml) agrees with itself, with the check-in
form, and with the triage size question."""

import re
from decimal import Decimal

import pytest

from apps.diary.forms import CheckInForm
from apps.diary.models import CheckIn
from lumpguide import fast_yaml, sizes
from tests.conftest import CONTENT_DIR

TABLE = sizes.table()
RAW = fast_yaml.safe_load(sizes.SIZES_PATH.read_text(encoding="utf-8"))


def triage_size_options() -> dict[str, dict]:
    """The triage size question's options, read from the questionnaire YAML itself."""
    questionnaire = fast_yaml.safe_load(
        (CONTENT_DIR / "triage" / "questionnaire.yaml").read_text(encoding="utf-8")
    )
    question = next(q for q in questionnaire["questions"] if q["id"] == "size")
    return {option["id"]: option for option in question["options"]}


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)]


def test_the_band_limits_are_the_contracts():
    assert (TABLE.small_below_cm, TABLE.large_above_cm) == (2.0, 5.0)
    assert [sizes.band_for_cm(cm) for cm in (0.1, 1.9, 2, 3.5, 5, 5.1, 50)] == [
        "small",
        "small",
        "medium",
        "medium",
        "medium",
        "large",
        "large",
    ]
    assert sizes.band_for_cm(Decimal("5.0")) == "medium"


@pytest.mark.parametrize("raw", RAW["comparisons"], ids=[c["id"] for c in RAW["comparisons"]])
def test_each_comparisons_band_agrees_with_its_cm(raw):
    assert sizes.band_for_cm(raw["cm"]) == raw["band"]
    assert sizes.cm_for_word(raw["id"]) == raw["cm"]
    assert sizes.band_for_word(raw["id"]) == raw["band"]


@pytest.mark.parametrize("comparison", TABLE.comparisons, ids=[c.id for c in TABLE.comparisons])
def test_each_check_in_label_gives_centimetres_within_its_band(comparison):
    """A limit itself may be named ("more than 5 cm")."""
    low = {"small": 0, "medium": TABLE.small_below_cm, "large": TABLE.large_above_cm}
    high = {"small": TABLE.small_below_cm, "medium": TABLE.large_above_cm, "large": 1000}
    cms = numbers(comparison.label)
    assert cms and comparison.label.endswith("cm)"), comparison.label
    assert all(low[comparison.band] <= cm <= high[comparison.band] for cm in cms), cms


def test_every_check_in_choice_is_in_the_table():
    table_ids = [c.id for c in TABLE.comparisons]
    assert CheckIn.Size.values == table_ids
    assert dict(CheckIn.Size.choices) == dict(sizes.checkin_choices())
    form_choices = [value for value, _label in CheckInForm().fields["size_word"].choices]
    assert form_choices == ["", *table_ids]
    field = CheckIn._meta.get_field("size_word")
    assert all(len(word) <= field.max_length for word in table_ids)


def test_unknown_words_have_no_size():
    assert sizes.cm_for_word("") is None and sizes.band_for_word("") is None
    assert sizes.cm_for_word("melon") is None and sizes.band_for_word("melon") is None


def test_each_band_is_an_option_of_the_triage_size_question():
    options = triage_size_options()
    for band in sizes.BANDS:
        assert options[band]["findings"] == [f"size_{band}"]


@pytest.mark.parametrize(
    ("band", "limits"),
    [
        ("small", ["small_below_cm"]),
        ("medium", ["small_below_cm", "large_above_cm"]),
        ("large", ["large_above_cm"]),
    ],
)
def test_triage_size_labels_name_the_band_limits(band, limits):
    label = triage_size_options()[band]["label"]
    assert numbers(label) == [getattr(TABLE, limit) for limit in limits], label


@pytest.mark.parametrize("band", ["small", "medium", "large"])
def test_each_triage_size_label_names_the_comparisons_of_its_band(band):
    label = triage_size_options()[band]["label"].lower()
    names = [c.name for c in TABLE.comparisons if c.band == band]
    assert names
    missing = [name for name in names if not re.search(rf"\b{re.escape(name)}\b", label)]
    assert not missing, f"{band}: {label!r} does not name {missing}"


def _raw(**changes) -> dict:
    comparisons = [dict(c) for c in RAW["comparisons"]]
    for cid, fields in changes.items():
        next(c for c in comparisons if c["id"] == cid).update(fields)
    return {"bands": dict(RAW["bands"]), "comparisons": comparisons}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (_raw(golf_ball={"cm": 5.5}), "5.5 cm is large, not medium"),
        (_raw(bigger={"cm": 5.0}), "5 cm is medium, not large"),
        (_raw(grape={"cm": 2.0}), "2 cm is medium, not small"),
        (_raw(walnut={"cm": 1.2}), "1.2 cm is small, not medium"),
        (_raw(pea={"cm": 1.8}), "smallest to largest"),
        (_raw(grape={"id": "pea"}), "id is used twice"),
        (_raw(pea={"id": "tennis_ball"}), "longer than 10"),
        (_raw(pea={"band": "tiny"}), "band must be one of"),
        (_raw(pea={"label": ""}), "label must be some text"),
        (_raw(pea={"cm": "1"}), "number of centimetres"),
        ({"bands": {"small_below_cm": 5, "large_above_cm": 2}, "comparisons": []}, "less than"),
        ({"comparisons": []}, "exactly"),
    ],
)
def test_the_loader_refuses_a_broken_table(raw, message):
    with pytest.raises(sizes.SizesError, match=re.escape(message)):
        sizes.parse(raw)
