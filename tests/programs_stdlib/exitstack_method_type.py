# contextlib.ExitStack binds each context manager's __exit__ with types.MethodType(func, cm):
# bound methods made by calling the method type, their errors, and an ExitStack unwinding
# contexts, callbacks and an exception in CPython's order.
import contextlib
import types


@contextlib.contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name
    finally:
        print(f"</{name}>")


class Quiet:
    def __enter__(self):
        print("quiet enter")
        return self

    def __exit__(self, *exc):
        print("quiet exit", exc[0].__name__ if exc[0] else None)
        return True


with contextlib.ExitStack() as st:
    print(st.enter_context(tag("a")), st.enter_context(tag("b")))
    st.callback(print, "callback", 1)
    st.push(lambda *e: print("pushed exit", e[0]))

with contextlib.ExitStack() as st:
    st.enter_context(Quiet())
    st.enter_context(tag("c"))
    raise KeyError("swallowed by Quiet")
print("after")


class Greeter:
    greeting = "hello"


def greet(self, who):
    return f"{self.greeting}, {who} ({type(self).__name__})"


g = Greeter()
m = types.MethodType(greet, g)
print(m("ann"), m.__self__ is g, m.__func__ is greet, type(m).__name__)
print(types.MethodType(len, [1, 2, 3])())
for args in [(greet, None), (5, g), (greet,), (greet, g, 3)]:
    try:
        types.MethodType(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    types.MethodType(func=greet, obj=g)
except TypeError as e:
    print("TypeError:", e)
