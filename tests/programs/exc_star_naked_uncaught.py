# A naked exception caught by except* and re-raised with a bare raise escapes as the wrapping
# group; its traceback only has the frames it unwound through after the except* statement.


def fail():
    raise ValueError("naked")


def handle():
    try:
        fail()
    except* ValueError as e:
        print("wrapped:", repr(e))
        raise


def main():
    try:
        handle()
    except* TypeError:
        print("not reached")


main()
