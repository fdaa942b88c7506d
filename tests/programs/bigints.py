def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


print(factorial(30))
print(2 ** 100, -(2 ** 100), 2 ** 64 - 1)
print(-7 // 2, -7 % 3, 7 % -3, 7 // -2, -7 // -2)
print(10 ** 30 // 7, 10 ** 30 % 7, -(10 ** 30) // 7)
print(factorial(25) // factorial(23))
big = 9223372036854775807
print(big + 1, big * big, -big - 2)
