# Croatian: "2. prosinca" for a day of a month (Django's write the month standing alone, "2. Prosinac").
MONTH_DAY_FORMAT = "j. E"
