# Loops whose conditions test against None, and loops on falsy values.
def chain_length(links, start):
    n = 0
    node = start
    while node is not None:
        n += 1
        node = links.get(node)
    return n


def first_hit(values):
    i = 0
    found = None
    while found is None:
        if values[i] > 10:
            found = values[i]
        i += 1
    return found


def count_down(n):
    steps = 0
    while not n == 0:
        n -= 1
        steps += 1
    return steps


links = {1: 2, 2: 3, 3: 4}
print(chain_length(links, 1), chain_length(links, 9), chain_length(links, None))
small, big = 5, 12
print(first_hit([small - 4, small, big, big + 18]), count_down(7))
