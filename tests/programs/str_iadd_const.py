# `s += t` appends in place only to a string nothing else holds: a constant a variable was
# bound to stays what it was (the compiler passes the constant itself to the += operation)
def f(flag):
    buf = '['
    if flag:
        buf += 'N'
    return buf

def g(flag, sep):
    buf = '['
    if flag:
        buf += sep
    for x in range(2):
        yield buf + str(x)
        buf = sep

print(f(True), f(False), f(True), f(False))
print(list(g(True, ',')), list(g(False, ',')), list(g(True, ';')))
s = 'ab'
t = s
t += 'c'
print(s, t)
