# %-formatting reached only through the method of the operator (no `%` or `%=` anywhere):
# the formatter must be linked (issue 9, size).
t = "[%(name)s:%(n)05d]".__mod__({"name": "k", "n": 42})
print(t)
print(b"%s=%d %c %b".__mod__((b"v", 9, 65, b"raw")))
print("%s".__mod__(None), "%%".__mod__(()), "%5.1f|%-4d|".__mod__((2.25, 7)))
print(str.__mod__("%r", ("x",)))
