# Slovenian: "2. december 2026", "2. 12. 2026 14:05" (Django's give "02. december 2026" and "2. Dec. 2026").
DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y, H:i"
SHORT_DATE_FORMAT = "j. n. Y"
SHORT_DATETIME_FORMAT = "j. n. Y H:i"
