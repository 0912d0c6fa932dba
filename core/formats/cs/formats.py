# Czech: "2. prosince" for a day of a month (Django's write the month standing alone, "2. prosinec").
MONTH_DAY_FORMAT = "j. E"
