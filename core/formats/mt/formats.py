# Maltese: "2 ta’ Diċembru 2026, 14:05". Django has no formats for Maltese (nor month names: those are
# in core/locale_admin/mt). "t" and "a" are format characters, hence escaped.
DATE_FORMAT = r"j \t\a’ F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"j \t\a’ F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = r"j \t\a’ F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
