"""The one table of everyday sizes (content/sizes.yaml): the check-in form's comparisons, their
centimetres, and the contract's size bands (small < 2 cm <= medium <= 5 cm < large).

The file is read and checked once, on first use; a file that breaks a rule raises SizesError
naming the rule.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.functional import lazy

from lumpguide import fast_yaml, languages

#: The table, at the project root.
SIZES_PATH = Path(__file__).resolve().parents[1] / "content" / "sizes.yaml"
#: The bands, smallest first: the ids of the triage size question's options.
BANDS = ("small", "medium", "large")
#: The check-in's size_word column is this wide.
ID_MAX_LENGTH = 10


class SizesError(ValueError):
    """content/sizes.yaml breaks one of its rules."""


@dataclass(frozen=True, slots=True)
class Comparison:
    id: str
    name: str
    label: str
    cm: float
    band: str


@dataclass(frozen=True, slots=True)
class SizeTable:
    small_below_cm: float
    large_above_cm: float
    comparisons: tuple[Comparison, ...]

    def band_for_cm(self, cm: float | Decimal) -> str:
        cm = float(cm)
        if cm < self.small_below_cm:
            return "small"
        return "medium" if cm <= self.large_above_cm else "large"

    def comparison(self, word: str) -> Comparison | None:
        return next((c for c in self.comparisons if c.id == word), None)


def _cm(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise SizesError(f"{where}: must be a number of centimetres above 0, got {value!r}")
    return float(value)


def _text(item: dict, key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SizesError(f"{where}: {key} must be some text")
    return value.strip()


def parse(raw: Any) -> SizeTable:
    """Check the parsed YAML and build the table."""
    if not isinstance(raw, dict) or set(raw) != {"bands", "comparisons"}:
        raise SizesError("the file must have exactly: bands, comparisons")
    bands = raw["bands"]
    if not isinstance(bands, dict) or set(bands) != {"small_below_cm", "large_above_cm"}:
        raise SizesError("bands must have exactly: small_below_cm, large_above_cm")
    small_below = _cm(bands["small_below_cm"], "bands small_below_cm")
    large_above = _cm(bands["large_above_cm"], "bands large_above_cm")
    if not small_below < large_above:
        raise SizesError("bands: small_below_cm must be less than large_above_cm")
    table = SizeTable(small_below, large_above, ())

    items = raw["comparisons"]
    if not isinstance(items, list) or not items:
        raise SizesError("comparisons must be a list of at least one comparison")
    comparisons: list[Comparison] = []
    for i, item in enumerate(items):
        where = f"comparisons[{i}]"
        keys = {"id", "name", "label", "cm", "band"}
        if not isinstance(item, dict) or set(item) != keys:
            raise SizesError(f"{where} must have exactly: {', '.join(sorted(keys))}")
        cid = item["id"]
        if not isinstance(cid, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", cid):
            raise SizesError(f"{where}: id must be lower-case letters, digits and _")
        where = f'comparison "{cid}"'
        if len(cid) > ID_MAX_LENGTH:
            raise SizesError(f"{where}: id is longer than {ID_MAX_LENGTH} characters")
        if any(c.id == cid for c in comparisons):
            raise SizesError(f"{where}: id is used twice")
        cm = _cm(item["cm"], f"{where} cm")
        band = item["band"]
        if band not in BANDS:
            raise SizesError(f"{where}: band must be one of {', '.join(BANDS)}, got {band!r}")
        if table.band_for_cm(cm) != band:
            raise SizesError(
                f"{where}: {cm:g} cm is {table.band_for_cm(cm)}, not {band} "
                f"(small < {small_below:g} cm, large > {large_above:g} cm)"
            )
        if comparisons and cm <= comparisons[-1].cm:
            raise SizesError(f"{where}: list the comparisons from smallest to largest cm")
        comparisons.append(
            Comparison(
                id=cid,
                name=_text(item, "name", where),
                label=_text(item, "label", where),
                cm=cm,
                band=band,
            )
        )
    return SizeTable(small_below, large_above, tuple(comparisons))


@cache
def table() -> SizeTable:
    """The shipped table, read once."""
    with SIZES_PATH.open(encoding="utf-8") as file:
        return parse(fast_yaml.safe_load(file))


@cache
def translations() -> dict[str, dict[str, str]]:
    """Each other language's labels by comparison id (content/sizes.<language>.yaml), read
    once; a file with a missing or extra id raises SizesError."""
    ids = [c.id for c in table().comparisons]
    found = {}
    for path in sorted(SIZES_PATH.parent.glob(f"{SIZES_PATH.stem}.*{SIZES_PATH.suffix}")):
        language = path.stem.split(".", 1)[1]
        with path.open(encoding="utf-8") as file:
            raw = fast_yaml.safe_load(file)
        labels = raw.get("comparisons") if isinstance(raw, dict) else None
        if not isinstance(labels, dict) or sorted(labels) != sorted(ids):
            raise SizesError(f"{path.name}: must give a label for exactly these ids: {ids}")
        found[language] = {cid: _text(labels, cid, f"{path.name} {cid}") for cid in ids}
    return found


def label(word: str) -> str:
    """A comparison's label in the active language (English where a language has none)."""
    labels = translations().get(languages.active(), {})
    return labels.get(word) or table().comparison(word).label


def checkin_choices() -> list[tuple[str, Any]]:
    """(id, label) of each everyday comparison, smallest first: the check-in form's choices.
    Each label is lazy: it is said in the language of the request that shows it."""
    return [(c.id, lazy(label, str)(c.id)) for c in table().comparisons]


def cm_for_word(word: str) -> float | None:
    """A comparison's typical centimetres; None for "" or an id not in the table."""
    comparison = table().comparison(word)
    return comparison.cm if comparison else None


def band_for_cm(cm: float | Decimal) -> str:
    """small, medium or large: small < 2 cm <= medium <= 5 cm < large (the table's limits)."""
    return table().band_for_cm(cm)


def band_for_word(word: str) -> str | None:
    """A comparison's band; None for "" or an id not in the table."""
    comparison = table().comparison(word)
    return comparison.band if comparison else None
