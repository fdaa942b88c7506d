print("hello, world")
print('single', "double", 'it\'s', "tab\there", "unicode: é ü 漢字 😀")
print()
print("a", "b", sep="-", end="!\n")
