def harmonic(n):
    acc = 0.0
    for i in range(1, n):
        acc += 1.0 / i
    return acc


print(harmonic(10))
