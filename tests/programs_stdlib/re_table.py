# The regex cases the hand-written re used to be checked against, now run on compiled re.
import re

cases = [
    ("search", r"\d+", "abc 123 def 45"), ("match", r"\d+", "abc 123"), ("fullmatch", r"a.c", "abc"),
    ("findall", r"\d+", "a1b22c333"), ("findall", r"(\w)(\d)", "a1 b2 c3"), ("findall", r"x*", "axxb"),
    ("findall", r"[aeiou]", "education"), ("findall", r"\bfo\w*", "foo bar food fo"),
    ("sub", r"\s+", "-", "a  b   c"), ("sub", r"(\w+)@(\w+)", r"\2 at \1", "me@home you@work"),
    ("sub", r"x*", "-", "abc"), ("sub", r"(\d)", r"<\1>", "a1b22"),
    ("split", r"[,;]\s*", "a, b;c ,d"), ("split", r"(,)", "a,b,c"), ("split", r"x*", "axbc"),
    ("search", r"(?P<year>\d{4})-(?P<month>\d\d)", "on 2024-05-17"), ("search", r"^abc$", "abc\n"),
    ("findall", r"^\w+", "one\ntwo\nthree"), ("findall", r"(?m)^\w+", "one\ntwo\nthree"),
    ("search", r"(?i)HELLO", "say hello"), ("findall", r"a{2,3}", "aaaaaaa"), ("findall", r"a{2,3}?", "aaaaaaa"),
    ("search", r"<.*>", "<a><b>"), ("search", r"<.*?>", "<a><b>"), ("search", r"(a|ab)(c|bcd)(d*)", "abcd"),
    ("search", r"(\w)\1", "abccd"), ("findall", r"[^a-z ]+", "hello World 42!"),
    ("search", r"foo(?=bar)", "foobaz foobar"), ("search", r"foo(?!bar)", "foobar foobaz"),
    ("findall", r"\S+", " a bb  ccc "), ("findall", r"[\w.]+@[\w.]+", "x a.b@c.d y e@f"),
    ("split", r"\W+", "Words, words, words."), ("search", r"colou?r", "my color"),
    ("findall", r"(a)(b)?", "ab a"), ("search", r"\$\d+\.\d{2}", "cost $12.50 now"),
]
for func, *args in cases:
    r = getattr(re, func)(*args)
    if isinstance(r, re.Match):
        r = ("M", r.span(), r.group(0), r.groups(), r.groupdict())
    print(func, args, r)
