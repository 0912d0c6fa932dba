# Portuguese: "2 de dezembro de 2026, 14:05"; E is the month in lower case (Django's capitalise it).
DATE_FORMAT = r"j \d\e E \d\e Y"
DATETIME_FORMAT = r"j \d\e E \d\e Y, H:i"
MONTH_DAY_FORMAT = r"j \d\e E"
