# Polish: "02.12.2026 14:05" for short dates (Django's write "02-12-2026").
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
