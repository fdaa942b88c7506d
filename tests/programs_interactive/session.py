if True:
    # One interactive-mode statement (compiled with mode "single", as a REPL does): each
    # expression statement prints its repr through sys.displayhook, None prints nothing,
    # and builtins._ holds the last value shown.
    6 * 7
    "text"
    None
    [i * i for i in range(4)]
    {"k": (1, 2.5)}
    print("print returns None, which is not echoed")
    _
    import builtins
    builtins._ * 2
    for i in range(2):
        i
    1 / 0
