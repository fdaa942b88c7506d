# A function long enough that its backward jump and branch targets need EXTENDED_ARG.
def mix(seed, rounds):
    h = seed
    total = 0
    for r in range(rounds):
        h = (h * 31 + 7) % 1000003
        h = (h ^ (h >> 3)) % 1000003
        h = (h * 17 + r) % 1000003
        h = (h ^ (h << 2)) % 1000003
        h = (h * 13 + 11) % 1000003
        h = (h ^ (h >> 5)) % 1000003
        h = (h * 29 + r * 3) % 1000003
        h = (h ^ (h << 1)) % 1000003
        h = (h * 37 + 5) % 1000003
        h = (h ^ (h >> 7)) % 1000003
        h = (h * 41 + r * 5) % 1000003
        h = (h ^ (h << 3)) % 1000003
        h = (h * 43 + 19) % 1000003
        h = (h ^ (h >> 2)) % 1000003
        h = (h * 47 + r * 7) % 1000003
        h = (h ^ (h << 4)) % 1000003
        h = (h * 53 + 23) % 1000003
        h = (h ^ (h >> 6)) % 1000003
        h = (h * 59 + r * 11) % 1000003
        h = (h ^ (h << 5)) % 1000003
        h = (h * 61 + 29) % 1000003
        h = (h ^ (h >> 4)) % 1000003
        h = (h * 67 + r * 13) % 1000003
        h = (h ^ (h << 6)) % 1000003
        if h % 2 == 0:
            total += h
        else:
            total -= h
    return h, total


for seed in (1, 12345, 999999):
    print(seed, mix(seed, 50))
