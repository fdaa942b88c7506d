# slow: the first build compiles ~40-110 modules (site and stdlib)
from wcwidth import wcwidth, wcswidth, list_versions

for ch in ["a", "コ", "\u0301", "\x00", "\x1b", "😀", "\u200b", "한", "\u1100", "é"]:
    print(repr(ch), wcwidth(ch))
for s in ["hello", "コンニチハ", "café", "e\u0301", "👨\u200d👩\u200d👧", "\x1b[31m", "abc\tdef"]:
    print(repr(s), wcswidth(s), wcswidth(s, 2))
print(list_versions()[:3], wcwidth("\u2e3a", unicode_version="5.0.0"))
