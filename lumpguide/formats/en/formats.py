"""Dates and times as LumpGuide's English pages write them ("20 October 2030, 09:00"): the
day before the month, as the UK, Europe and Australia write it, and clear in the US too.
Templates name these (date:"DATE_FORMAT"); each language has its own module beside this one."""

DATE_FORMAT = "j F Y"  # 20 October 2030
DATETIME_FORMAT = "j F Y, H:i"  # 20 October 2030, 09:00
SHORT_DATE_FORMAT = "j M Y"  # 20 Oct 2030
SHORT_DATETIME_FORMAT = "j M Y, H:i"  # 20 Oct 2030, 09:00
MONTH_DAY_FORMAT = "j F"  # 20 October
TIME_FORMAT = "H:i"
#: With the day of the week, for a reminder (no standard Django name, so our own).
WEEKDAY_DATE_FORMAT = "l j F Y"  # Sunday 20 October 2030
SHORT_MONTH_DAY_FORMAT = "j M"  # 20 Oct (the diary chart's axis)
#: The locale the page scripts give Intl.DateTimeFormat, for dates they write themselves (the
#: photos kept on the phone: "3 December 2026", as DATE_FORMAT writes it). Our own name.
INTL_DATE_LOCALE = "en-GB"
