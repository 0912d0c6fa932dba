# Bulgarian: "2 декември 2026 г., 14:05". Django has no date-time formats for bg (it fell back
# to the American ones) and capitalises the month; E is the month in lower case (see core/formats).
DATE_FORMAT = "j E Y г."
DATETIME_FORMAT = "j E Y г., H:i"
MONTH_DAY_FORMAT = "j E"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
