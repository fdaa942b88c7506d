def work(n):
    acc = 0.0
    total = 0
    for i in range(n):
        total += i % 7
        acc += total * 0.5
    return acc


print(work(3000000))
