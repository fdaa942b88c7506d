# An except* statement whose handlers raise, re-raise and leave parts unmatched: the combined
# group escapes through two frames (traceback boxes with contexts inside sub-exceptions).


def parts():
    return [ValueError("v1"), TypeError("t1"), ExceptionGroup("inner", [OSError("o1"), ValueError("v2")]), KeyError("k1")]


def work():
    try:
        raise ExceptionGroup("many", parts())
    except* ValueError as e:
        print("handling", repr(e))
        raise RuntimeError("handler failed")
    except* OSError:
        raise
    except* KeyError as e:
        e.add_note("seen by the KeyError handler")
        raise e


def outer():
    print("calling work")
    work()


outer()
