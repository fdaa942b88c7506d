# slow: the first build compiles ~40-110 modules (site and stdlib)
import datetime as dt
from dateutil import parser, relativedelta, rrule, tz, easter

for s in ["2003-09-25T10:49:41", "Thu Sep 25 10:36:28 BRST 2003", "25 Sep 2003", "09/25/2003",
          "10:36", "2003-09-25T10:49:41.5-03:00", "Sep 25 2003 10pm", "20030925T104941Z"]:
    print(s, "->", parser.parse(s, default=dt.datetime(2003, 9, 25), ignoretz="BRST" in s))
print(parser.parse("01/02/03", dayfirst=True), parser.parse("01/02/03", yearfirst=True))
print(parser.parse("Today is 25 of September of 2003, exactly at 10:49:41", fuzzy=True))
try:
    parser.parse("not a date at all")
except parser.ParserError as e:
    print("ParserError:", e)
base = dt.datetime(2024, 1, 31, 12)
print(base + relativedelta.relativedelta(months=+1), base + relativedelta.relativedelta(weekday=relativedelta.FR(+2)))
print(relativedelta.relativedelta(dt.date(2024, 3, 1), dt.date(2021, 12, 25)))
r = rrule.rrule(rrule.WEEKLY, count=4, byweekday=(rrule.MO, rrule.TH), dtstart=dt.datetime(2024, 2, 26))
print(list(r))
print(list(rrule.rrulestr("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", dtstart=dt.datetime(2024, 1, 1))))
utc = tz.tzutc()
off = tz.tzoffset("EST", -5 * 3600)
d = dt.datetime(2024, 5, 1, 12, tzinfo=utc)
print(d.astimezone(off), off.utcoffset(None), tz.tzstr("EST5EDT").utcoffset(dt.datetime(2024, 7, 1)))
print(easter.easter(2024), easter.easter(2025, easter.EASTER_ORTHODOX))
