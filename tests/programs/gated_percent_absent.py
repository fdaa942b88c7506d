# A program that never reaches the % operator on strings (no `%`, `%=`, `__mod__` or operator
# names): %-formatting is not linked (issue 9, size); what it does print — float and int
# repr, f-strings with format specs — must not depend on it. (No str.format or format(): those
# names keep every builtin method, see builtin_methods_dynamic.py.)
x = 2 / 3
print(x, 1e300 * 10, -0.0, 1e-7, 123456789.0 ** 2, 3.0)
print(f"{x:.4f} {x:e} {255:#x} {1234567:,} {-5:+d} {'s':>4}|")
print(f"{3.14159:08.3f}|{'ab':<6}|{'q'!r}")
print(divmod(17, 5), 17 // 5, -7 // 2, round(2.675, 2), int("42") * 3)
print(str(10 ** 30), repr(1.5e16), float("inf"), [0.1, 0.2], (1.1 + 2.2))
print(f"{1 / 7:.10g} {12:b}", ascii("é"), str(2.5), 7 / 2)
