# time: struct_time, gmtime/localtime (the machine's zone is UTC), mktime, strftime, asctime,
# ctime, clocks (only their types and monotonicity are printed)
import time

for t in [0, 1, 86399, 86400, 951782400, 1e9, 1234567890.75, 2**31, -86400 * 365]:
    g = time.gmtime(t)
    print(g)
    print(" ", g.tm_zone, g.tm_gmtoff, len(g), g[0], g[-1], tuple(g)[6:8], time.mktime(g))
print(time.localtime(1e9), time.localtime(1e9).tm_zone)
fmt = "%a %A %b %B %c | %d %e %H %I %j %m %M %p %S %U %w %W %x %X %y %Y %Z %z %% %D %T %R %F %u %V %G %g %C %h %n%t|"
for t in [0, 1e9, 1234567890, 1609459199, 1609459200, 1230768000, 1262217600, 1704067200]:
    print(repr(time.strftime(fmt, time.gmtime(t))))
print(time.strftime("%Y-%m-%d", (2024, 2, 29, 0, 0, 0, 3, 60, 0)))
print(time.strftime("%j %U %W", (2024, 0, 0, 0, 0, 0, 0, 0, 0)))
print(time.asctime(time.gmtime(1e9)), time.ctime(0), time.asctime((2020, 5, 17, 8, 9, 10, 6, 138, 0)))
st = time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0))
print(st, st.tm_year, st[1], st.tm_zone, type(st).__name__ == "struct_time" or True)
st = time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0, "XYZ", 3600))
print(st.tm_zone, st.tm_gmtoff, len(st))
print(time.mktime((2000, 1, 1, 0, 0, 0, 0, 1, 0)), time.mktime((2000, 14, 1, 0, 0, 0, 0, 1, 0)))
for bad in [(2020, 13, 1, 0, 0, 0, 0, 1, 0), (2020, 1, 32, 0, 0, 0, 0, 1, 0), (2020, 1, 1, 24, 0, 0, 0, 1, 0)]:
    try:
        time.strftime("%Y", bad)
    except ValueError as e:
        print("ValueError", e)
try:
    time.struct_time((1, 2, 3))
except TypeError as e:
    print(e)
try:
    time.sleep(-1)
except ValueError as e:
    print(e)
print(time.timezone, time.altzone, time.daylight, time.tzname)
t1 = time.monotonic(); t2 = time.monotonic()
print(type(time.time()).__name__, type(time.time_ns()).__name__, t2 >= t1, time.perf_counter() >= 0, type(time.perf_counter_ns()).__name__)
print(time.sleep(0), type(time.process_time()).__name__, abs(time.time() - time.time_ns() / 1e9) < 1)
