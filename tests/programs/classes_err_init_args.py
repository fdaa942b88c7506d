# Calling a class with the wrong arguments: __init__'s binding error, raised in the caller.


class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def dot(self, other):
        return self.x * other.x + self.y * other.y


print(Vec(1, 2).dot(Vec(3, 4)))
Vec(1)
