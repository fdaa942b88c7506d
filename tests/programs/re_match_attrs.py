"""re Match objects: lastindex/lastgroup (the group closed last), pos/endpos, re, string,
regs, group/start/end/span by name, groupdict/groups defaults, expand, indexing."""
import re

TOKEN = re.compile(r"(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_]\w*)|(?P<op>[-+*/()=])|(?P<ws>\s+)")
for m in TOKEN.finditer("x1 = 3.25*(y + 42)"):
    if m.lastgroup != "ws":
        print(m.lastgroup, m.lastindex, repr(m.group()), m.span(), m.start(m.lastgroup), m.end(m.lastindex))

cases = [
    (r"(a)(b)", "ab"), (r"((a)b)", "ab"), (r"(a)|(b)", "b"), (r"(a)|b", "b"), (r"a", "a"),
    (r"(?:(a)|(b))*", "ab"), (r"(?:(a)|(b))*", "ba"), (r"(a)()", "a"), (r"((a))", "a"),
    (r"(?P<outer>(?P<inner>x)y)", "xy"), (r"(x)(?=(y))", "xy"), (r"(x)(?!(z))", "xy"),
    (r"(a*)+", "aaa"), (r"(?P<w>\w+)\s(?P=w)", "hey hey"),
]
for pat, s in cases:
    m = re.match(pat, s)
    print(f"{pat!r:28} {s!r:8} lastindex={m.lastindex} lastgroup={m.lastgroup} groups={m.groups()} regs={m.regs}")

p = re.compile(r"(?P<key>\w+)=(?P<val>\w*)(?P<opt>;)?")
m = p.search("  alpha=beta rest", 1, 14)
print(m.pos, m.endpos, m.string, m.re.pattern, m.re.groups, m.re.groupindex == {"key": 1, "val": 2, "opt": 3})
print(m.group("key"), m["val"], m[0], m.group(1, "val", 0), m.groups(), m.groups("-"), m.groups(default="?"))
print(m.groupdict(), m.groupdict("none"), m.groupdict(default=0))
print(m.start("val"), m.end("key"), m.span("opt"), m.start(3), m.span(), m.lastindex, m.lastgroup)
print(m.expand(r"\g<val>:\g<key> [\1] \g<2>"), repr(m.expand(r"\n\t")))
print(p.match("k=v;").lastgroup, p.fullmatch("k=").lastindex, bool(m), type(m).__name__)
print(re.sub(r"(?P<d>\d)", lambda mm: f"<{mm.lastgroup}{mm.lastindex}>", "a1b22"))
m = re.compile(r"\d+").match("abc123def", 3, 5)
print(m, m.pos, m.endpos, m.group(), m.lastindex, m.lastgroup, m.groupdict(), m.groups())
for bad in [lambda: m.group(1), lambda: p.match("k=v").group("nope"), lambda: p.match("k=v").start(7)]:
    try:
        bad()
    except IndexError as e:
        print("IndexError", e)
print(re.match(r"(a)(b)?", "a").span(2), re.match(r"(a)(b)?", "a").lastindex)

# repeats whose body can match empty: sre captures one empty iteration, then leaves the loop
for pat, s in [(r'(a|)*', 'aab'), (r'(a*)*', 'b'), (r'(a*)+?', 'aa'), (r'(?:(a)|b)*?c', 'abac'),
               (r'((a)|(b))+', 'abab'), (r'(a?)+', 'aa'), (r'(a*?)*', 'aaa'), (r'(a{0,2})*', 'aaaaa'),
               (r'(|a)+', 'aa'), (r'(a|)+b', 'aab'), (r'x*', 'abxd')]:
    m = re.match(pat, s)
    print(pat, re.findall(pat, s), re.sub(pat, '-', s), re.split(pat, s), m.groups(), m.lastindex, m.regs)
