greeting = "hello"
name = 'world'
print(greeting, name)
print(greeting + ", " + name)
print("repeat " * 3)
print(len(greeting), greeting == "hello", "ell" in greeting)
print(True, False, None)
print(-5, 0, 255, 256, 257, -6, 10 ** 3)
