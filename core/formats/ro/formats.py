# Romanian: "2 decembrie 2026, 14:05"; E is the month in lower case (see core/formats).
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
MONTH_DAY_FORMAT = "j E"
