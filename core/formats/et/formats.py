# Estonian: "2. detsember 2026 14:05". Django has no date-time formats for et (it fell back to the American ones).
DATETIME_FORMAT = "j. F Y H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
