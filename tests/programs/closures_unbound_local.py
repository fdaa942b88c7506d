# A cell variable read before assignment: UnboundLocalError.


def outer(flag):
    if flag:
        x = 1

    def get():
        return x
    print(x)
    return get


print(outer(True)())
outer(False)
