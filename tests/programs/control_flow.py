def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"


def first_multiple(limit, k):
    i = 1
    found = -1
    while i < limit:
        if i % k == 0:
            found = i
            break
        i += 1
    else:
        found = -2
    return found


def skip_odd(n):
    total = 0
    for i in range(n):
        if i % 2:
            continue
        total += i
    return total


for v in (-5, 0, 3, 42):
    print(v, classify(v))
print(first_multiple(100, 7), first_multiple(5, 7))
print(skip_odd(10))
n = 0
while True:
    n += 3
    if n > 10:
        break
print(n)
