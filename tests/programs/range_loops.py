def int_sum(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def float_sum(n):
    acc = 0.0
    for i in range(1, n):
        acc += 1.0 / i
    return acc


def stepped(a, b, s):
    total = 0
    for i in range(a, b, s):
        total = total * 3 + i
    return total


print(int_sum(10), int_sum(1000))
print(float_sum(10), float_sum(1000))
print(stepped(0, 20, 3), stepped(20, -5, -4), stepped(5, 5, 1))
acc = 0
for k in range(5):
    acc = acc + k
print(acc)
fl = 1.5
for k in range(4):
    fl = fl * 2.5
print(fl)
