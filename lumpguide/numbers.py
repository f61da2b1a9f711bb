"""Numbers as the reader's language writes them: "2.5" in English, "2,5" in Spanish."""

from decimal import Decimal

from django.utils import formats


def decimal(value: Decimal | float | int) -> str:
    """The shortest form of `value` ("2.5", "3"), with the language's decimal separator."""
    return f"{float(value):g}".replace(".", formats.get_format("DECIMAL_SEPARATOR"))
