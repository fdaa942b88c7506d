# A closure's cells through cell_contents: read, written (the function sees the new value),
# deleted (ValueError, then the function's NameError), and __class__'s cell (attrs rebinds it).
def outer():
    x = 1
    def inner():
        return x
    return inner
f = outer()
c = f.__closure__[0]
print(type(c).__name__, c.cell_contents, f())
c.cell_contents = 42
print(c.cell_contents, f())
del c.cell_contents
try:
    c.cell_contents
except ValueError as e:
    print("ValueError:", e)
try:
    f()
except NameError as e:
    print("NameError:", e)
c.cell_contents = "back"
print(f())
class A:
    def who(self):
        return __class__.__name__
cell = A.who.__closure__[0]
print(cell.cell_contents is A)
