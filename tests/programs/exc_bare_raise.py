# A bare `raise` outside any handler is a RuntimeError; inside one it re-raises with the
# original traceback.

def reraiser():
    try:
        int("bad")
    except ValueError:
        print("logging and re-raising")
        raise


try:
    reraiser()
except ValueError as e:
    print("caught again:", e)


def no_active():
    raise


no_active()
