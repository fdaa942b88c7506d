# DELETE_DEREF of a cell that is already empty: UnboundLocalError.


def outer():
    zqx = 1

    def read():
        return zqx
    print(read())
    del zqx
    print("deleted once")
    del zqx


outer()
