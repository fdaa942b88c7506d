# stdlib: contextvars
# The native _contextvars (CPython's Python/context.c): ContextVar get/set/reset, tokens,
# copy_context, Context.run isolation, the Context mapping and CPython's errors.
import contextvars

v = contextvars.ContextVar('v', default=1)
w = contextvars.ContextVar('w')
print(v.name, v.get(), w.get(5), v.get(7))
t = v.set(2)
print(v.get(), t.var is v, t.old_value is contextvars.Token.MISSING, repr(contextvars.Token.MISSING))
ctx = contextvars.copy_context()
print(len(ctx), v in ctx, w in ctx, ctx[v], ctx.get(w), ctx.get(w, 'd'), list(ctx.values()))


def f(x):
    v.set(x)
    w.set(x * 2)
    return v.get() + w.get()


print(ctx.run(f, 10), v.get(), ctx[v], ctx[w], w.get(None))
print(sorted(k.name for k in ctx), sorted(k.name for k in ctx.keys()), len(ctx.items()))
v.reset(t)
print(v.get(), type(ctx).__name__, type(v).__module__)
t2 = w.set('x')
print(w.get())
w.reset(t2)
print(w.get('gone'))
ctx2 = contextvars.Context()
print(len(ctx2), ctx2.run(lambda: v.get()), ctx2 == contextvars.Context(), ctx.copy()[v])
print(contextvars.ContextVar[int])


def err(f, *args):
    try:
        f(*args)
    except Exception as e:
        print(type(e).__name__, str(e)[:60] if 'object at' not in str(e) and ' at 0x' not in str(e) else str(e).split(' at 0x')[0])


err(w.get)
err(v.reset, t)
err(w.reset, t2)
err(contextvars.ContextVar, 1)
err(ctx.__getitem__, contextvars.ContextVar('new'))
err(ctx.__getitem__, 'x')
err(ctx.run, lambda: ctx.run(f, 1))
err(hash, ctx)
