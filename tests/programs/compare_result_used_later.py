# A comparison stored in a variable and tested later (in a loop): evaluated once, where it
# stands (found by tools/fuzz_programs.py: the test was fused into the loop's block)
class Noisy:
    def __init__(self):
        self.calls = 0

    def __gt__(self, other):
        self.calls += 1
        print("compare", self.calls)
        return self.calls < 10


def hoisted(n):
    x = Noisy()
    flag = x > n
    total = 0
    for i in range(3):
        if flag:
            total += i
    return total, x.calls


def nested(p):
    v = ({}.get("k", p << 29) > p)
    n = 0
    while n < 2:
        n += 1
        for i in range(3):
            if v:
                break
            print("not reached", i)
    return n


def in_between(n):
    x = Noisy()
    flag = x > n
    print("between")
    if flag:
        return "yes"
    return "no"


print(hoisted(1))
print(nested(3))
print(in_between(0))
