"""Dates and times as LumpGuide's Spanish pages write them ("20 de octubre de 2030, 09:00")."""

DATE_FORMAT = r"j \d\e F \d\e Y"  # 20 de octubre de 2030
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
# "b" is the month's short name in lower case, as Spanish writes it ("M" would give "Oct").
SHORT_DATE_FORMAT = "j b Y"  # 20 oct 2030
SHORT_DATETIME_FORMAT = "j b Y, H:i"
MONTH_DAY_FORMAT = r"j \d\e F"  # 20 de octubre
TIME_FORMAT = "H:i"
WEEKDAY_DATE_FORMAT = r"l j \d\e F \d\e Y"  # domingo 20 de octubre de 2030
SHORT_MONTH_DAY_FORMAT = "j b"  # 20 oct
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
#: The locale the page scripts give Intl.DateTimeFormat, for dates they write themselves (the
#: photos kept on the phone: "3 de diciembre de 2026", as DATE_FORMAT writes it). Our own name.
INTL_DATE_LOCALE = "es-ES"
