# slow: the first build compiles ~40-110 modules (site and stdlib)
import tomli

DOC = '''
title = "TOML example"
int = 1_000
hex = 0xff
flt = 6.626e-34
inf = inf
bool = true
date = 1979-05-27T07:32:00-08:00
local = 1979-05-27
time = 07:32:00.5
arr = [1, 2, [3, "four"]]
inline = { x = 1, y = { z = "deep" } }
multi = """
Roses are red
  Violets are blue"""
literal = 'C:\\Users\\x'

[owner]
name = "Tom"
"quoted key" = "v"

[[products]]
name = "Hammer"
sku = 738594937

[[products]]
name = "Nail"
color = "gray"

[a.b.c]
d = 1
'''

data = tomli.loads(DOC)
for key in sorted(data):
    print(key, "=", repr(data[key]))
print(data["date"].utcoffset(), data["time"].microsecond)
for bad in ['x = ', 'a = 1\na = 2', '[t]\n[t]', 'k = "unterminated', 'v = 01']:
    try:
        tomli.loads(bad)
    except tomli.TOMLDecodeError as e:
        print("error:", e)
print(tomli.loads("f = 1.5", parse_float=str))
