# A class made abstract by setting __abstractmethods__ itself, without abc: instantiating it
# raises CPython's TypeError with the sorted names (issue 9, size: the sort behind that message
# is linked only into programs that can set __abstractmethods__).
class Shape:
    def area(self):
        return 0

Shape.__abstractmethods__ = frozenset({"perimeter", "area", "name"})
try:
    Shape()
except TypeError as e:
    print(e)
Shape.__abstractmethods__ = frozenset({"area"})
try:
    Shape()
except TypeError as e:
    print(e)
Shape.__abstractmethods__ = frozenset()
print(type(Shape()).__name__, sorted(Shape.__abstractmethods__))
