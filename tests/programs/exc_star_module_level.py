# except* at module level: the combined group gets no traceback entry of its own; a handler
# raises while another group is being handled (a group as the context of a group).
try:
    try:
        raise ExceptionGroup("first", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise ExceptionGroup("from handler", [KeyError(3), ExceptionGroup("deep", [OSError(4)])])
except* KeyError as e:
    print("caught", repr(e))
    raise
