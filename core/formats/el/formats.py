# Greek: "2 Δεκεμβρίου 2026, 14:05"; E is the month in the genitive, as inside a date (Django's
# formats give "02/12/2026 2:05 μμ.", a 12-hour clock).
DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y, H:i"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
