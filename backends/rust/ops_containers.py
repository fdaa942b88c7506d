"""Printer methods for container building, star-unpacking, call-site `*`/`**`, `import *`,
3.14 t-strings and the PEP 695 intrinsics.

A mixin of `FunctionPrinter` (printer.py): methods use its helpers (`bind`, `emit`, `ref`,
`owned`, `raising`, ...)."""
from __future__ import annotations

from . import names


class ContainerOps:
    def _helper(self, inst, helper: str) -> None:
        """A runtime helper taking the container by reference and the value by ownership."""
        container, *values = inst.args
        args = ", ".join([self.ref(container)] + [self.owned(v) for v in values])
        self.emit(self.raising(inst, f"{helper}({args})") + ";")

    def op_list_extend(self, inst):
        lst, it = inst.args
        self.emit(self.raising(inst, f"list_extend({self.ref(lst)}, {self.ref(it)})") + ";")

    def op_list_to_tuple(self, inst):
        self.bind(inst, f"list_to_tuple({self.ref(inst.args[0])})")

    def op_set_add(self, inst):
        self._helper(inst, "set_add")

    def op_set_update(self, inst):
        s, it = inst.args
        self.emit(self.raising(inst, f"set_update({self.ref(s)}, {self.ref(it)})") + ";")

    def op_map_add(self, inst):
        self._helper(inst, "map_add")

    def op_dict_update(self, inst):
        d, other = inst.args
        self.emit(self.raising(inst, f"dict_update({self.ref(d)}, {self.ref(other)})") + ";")

    def op_dict_merge(self, inst):
        d, other, func = inst.args
        self.emit(self.raising(inst, f"dict_merge({self.ref(d)}, {self.ref(other)}, {self.ref(func)})") + ";")

    def op_call_ex(self, inst):
        f, args, *kwargs = inst.args
        self.set_live_line(inst)
        kw = f"Some({self.ref(kwargs[0])})" if kwargs else "None"
        load = self.producers.get(f.id)
        if load is not None and load.op == "getattr" and load.attrs["name"] in ("throw", "athrow") \
                and tuple(map(int, self.module.python.split("."))) >= (3, 12):
            # 3.12+ warn about throw(type, exc[, tb]) at the caller's line (`it.throw(*args)`)
            self.emit(self.raising(inst, f"throw_signature_warning_callee_ex({self.ref(f)}, "
                                         f"{self.ref(args)}, {kw}, &{self.code}, "
                                         f"{self.line_of(inst)})") + ";")
        self.bind(inst, self.raising(inst, f"call_ex({self.ref(f)}, {self.ref(args)}, {kw})"))

    def op_unpack_ex(self, inst):
        before, after = inst.attrs["before"], inst.attrs["after"]
        self.bind(inst, self.raising(inst, f"unpack_ex({self.ref(inst.args[0])}, {before}, {after})"))

    def op_import_star(self, inst):
        self.emit(self.raising(inst, f"import_star({self.ref(inst.args[0])}, &globals)") + ";")

    def op_call_intrinsic(self, inst):
        args = ", ".join(self.ref(a) for a in inst.args)
        kind = names.rust_str(inst.attrs["kind"])
        self.bind(inst, self.raising(inst, f"call_intrinsic({kind}, &[{args}])"))

    def op_build_interpolation(self, inst):
        value, expr = inst.args[:2]
        conversion = inst.attrs["conversion"]
        conv = f"Some({names.rust_str(conversion)})" if conversion else "None"
        spec = f"Some({self.ref(inst.args[2])})" if len(inst.args) > 2 else "None"
        self.bind(inst, self.raising(inst, f"build_interpolation({self.ref(value)}, {self.ref(expr)}, {conv}, {spec})"))

    def op_build_template(self, inst):
        strings, interps = inst.args
        self.bind(inst, self.raising(inst, f"build_template({self.ref(strings)}, {self.ref(interps)})"))
