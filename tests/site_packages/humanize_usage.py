# slow: the first build compiles ~40-110 modules (site and stdlib)
import datetime as dt
import humanize

for n in [0, 1, 12, 1234567, 10**12, 1.5e9]:
    print(humanize.intcomma(n), humanize.intword(n), humanize.apnumber(int(n) % 11), humanize.ordinal(int(n) % 100))
for b in [0, 300, 3000, 3_000_000, 3_000_000_000, 10**15]:
    print(humanize.naturalsize(b), humanize.naturalsize(b, binary=True), humanize.naturalsize(b, gnu=True))
for secs in [0, 1, 45, 90, 3600 * 5, 86400 * 3, 86400 * 400]:
    d = dt.timedelta(seconds=secs)
    print(humanize.naturaldelta(d), "|", humanize.precisedelta(d), "|", humanize.naturaltime(d))
now = dt.datetime(2024, 3, 1, 12, 0, 0)
print(humanize.naturaltime(now - dt.timedelta(minutes=3), when=now), humanize.naturaltime(now + dt.timedelta(days=2), when=now))
print(humanize.naturaldate(dt.date(2020, 1, 2)), humanize.fractional(0.3), humanize.fractional(1.25))
print(humanize.scientific(0.00012), humanize.scientific(12345, precision=3), humanize.clamp(0.0001, floor=0.01))
print(humanize.metric(1500, "V"), humanize.metric(2.2e-9, "F"), humanize.precisedelta(dt.timedelta(seconds=3661.5), minimum_unit="seconds", format="%0.1f"))
