# Italian: "2 dicembre 2026, 14:05"; E is the month in lower case (Django's give "02 Dicembre 2026").
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
MONTH_DAY_FORMAT = "j E"
