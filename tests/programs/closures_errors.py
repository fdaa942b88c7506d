# Reading an empty free variable: NameError from the enclosing scope's deleted cell.


def outer():
    def show():
        return zebra_count
    first = show
    zebra_count = 3
    print("bound:", first())
    del zebra_count
    return first


f = outer()
print("calling again")
f()
