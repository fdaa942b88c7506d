# Assigning a property without a setter.


class Circle:
    def __init__(self, r):
        self._r = r

    @property
    def area(self):
        return 3 * self._r * self._r


c = Circle(2)
print(c.area)
c.area = 5
