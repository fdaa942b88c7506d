# code.replace on the code objects compile() returns: the checks CPython makes, and exec of a
# renamed code object naming its frame after co_name (what jinja2's fake tracebacks rely on)
import sys
import traceback

code = compile("x = 1", "f.py", "exec")
for bad in [lambda: code.replace(1), lambda: code.replace(bogus=1), lambda: code.replace(co_name=1),
            lambda: code.replace(co_firstlineno="a"), lambda: code.replace(co_filename=None),
            lambda: code.replace(co_varnames=["a"])]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)

renamed = code.replace(co_name="template", co_filename="t.html")
print(renamed.co_name, renamed.co_filename, renamed.co_qualname, renamed.co_firstlineno)
print(code.co_name, code.co_filename, renamed is code, type(renamed).__name__)
print(code.replace().co_name, code.replace(co_firstlineno=7).co_firstlineno)

ns = {}
exec(renamed, ns)
print(ns["x"])


def fake_frame(lineno, location):
    text = "\n" * (lineno - 1) + "raise __exc__"
    c = compile(text, "page.html", "exec").replace(co_name=location)
    try:
        exec(c, {"__name__": "page.html", "__exc__": ValueError("bad tag")}, {})
    except BaseException:
        return sys.exc_info()[2].tb_next


for lineno, location in [(3, "top-level template code"), (1, "block 'body'"), (5, "template")]:
    tb = fake_frame(lineno, location)
    print(tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_frame.f_code.co_filename, tb.tb_next)
    for line in traceback.format_tb(tb):
        print(line.rstrip())
