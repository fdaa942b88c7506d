# Zero-argument super() in a static method: RuntimeError, after a working super() chain.


class Root:
    def hello(self):
        return "root"


class Leaf(Root):
    def hello(self):
        return "leaf/" + super().hello()

    @staticmethod
    def broken():
        return super().hello()


print(Leaf().hello())
Leaf.broken()
