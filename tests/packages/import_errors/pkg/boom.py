def explode(n):
    return 10 // n


print("boom loading")
explode(0)
