"""What the diary keeps for a phone, as "Your data" shows and downloads it
(apps/phones/your_data.py)."""

from django.utils.translation import gettext_lazy as _

from apps.diary import services
from apps.diary.models import CheckIn
from apps.phones.kept import Kept
from apps.phones.your_data import iso


def check_in_row(c: CheckIn) -> dict:
    return {
        "key": str(c.key),
        "recorded_at": iso(c.recorded_at),
        "size_cm": str(c.size_cm) if c.size_cm is not None else None,
        "size_word": c.size_word,
        "pain": c.pain,
        "red": c.red,
        "hot": c.hot,
        "leaking": c.leaking,
        "colour_changed": c.colour_changed,
        "note": c.note,
    }


KEPT = [
    Kept(
        name="check_ins",
        label=_("Check-ins"),
        model=CheckIn,
        as_dict=check_in_row,
        ordering=("recorded_at", "pk"),
        page=lambda device, page: services.check_ins_page(device=device, page=page),
        template="diary/_your_data.html",
    ),
]
