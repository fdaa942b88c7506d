"""Printer methods for cells, free variables and class bodies.

A mixin of `FunctionPrinter` (printer.py): methods use its helpers (`bind`, `emit`, `ref`,
`owned`, `raising`, ...)."""
from __future__ import annotations

from . import names


class ClosureClassOps:
    def _empty_cell_error(self, inst) -> str:
        """`return Err(..)` for reading an empty cell: NameError for a free variable."""
        maker = "unbound_free" if inst.attrs["free"] else "unbound_local"
        return self.raising(inst, f"Err::<Obj, Exc>({maker}({names.rust_str(inst.attrs['name'])}))")

    def op_make_cell(self, inst):
        v = inst.args[0]
        value = self.owned(v) if self.kind(v) == "opt" else f"Some({self.owned(v)})"
        self.bind(inst, f"new_cell({value})")

    def op_closure_cell(self, inst):
        self.bind(inst, f"closure_cell(func, {inst.attrs['index']})")

    def op_load_deref(self, inst):
        if self.cold:
            # the register form: the cell passed by value, the NameError made out of line
            free = "true" if inst.attrs["free"] else "false"
            self.bind(inst, self.raising(inst, f"or_pending(cell_getr(oref({self.ref(inst.args[0])}), "
                                               f"{names.rust_str(inst.attrs['name'])}, {free}))"))
            return
        err = self._empty_cell_error(inst)
        self.bind(inst, f"match cell_get({self.ref(inst.args[0])}) {{ Some(x) => x, None => {{ {err}; unreachable!() }} }}")

    def op_store_deref(self, inst):
        cell, value = inst.args
        setter = "cell_setr(oref({}), " if self.cold else "cell_set({}, "
        self.emit(setter.format(self.ref(cell)) + f"Some({self.owned(value)}));")

    def op_delete_deref(self, inst):
        cell = self.ref(inst.args[0])
        self.emit(f"if cell_get({cell}).is_none() {{ {self._empty_cell_error(inst)}; }}")
        self.emit(f"cell_set({cell}, None);")

    def op_load_classderef(self, inst):
        cell = self.ref(inst.args[0])
        ns = self.ref(inst.args[1]) if len(inst.args) > 1 else f"&{self._namespace()}"
        self.bind(inst, self.raising(inst, f"load_classderef({ns}, {cell}, {self._name(inst)})"))

    def op_load_locals(self, inst):
        self.bind(inst, f"{self._namespace()}.clone()")

    def op_load_from_dict_or_globals(self, inst):
        mapping = self.ref(inst.args[0])
        self.bind(inst, self.raising(inst, f"load_name({mapping}, &globals, {self._name(inst)})"))

    def op_load_build_class(self, inst):
        self.bind(inst, 'builtin("__build_class__")')

    def op_setup_annotations(self, inst):
        self.emit(self.raising(inst, f"setup_annotations(&{self._namespace()})") + ";")

    def op_call_super(self, inst):
        f, cell, first = inst.args
        if inst.attrs["first_is_cell"]:
            arg = f"cell_get({self.ref(first)})"
        elif self.kind(first) == "opt":
            arg = self.owned(first)
        else:
            arg = f"Some({self.owned(first)})"
        self.set_live_line(inst)
        zero = f"super_zero({self.ref(cell)}, {arg})"
        plain = f"call({self.ref(f)}, vec![], None)"
        self.bind(inst, self.raising(inst, f"if is_builtin_super({self.ref(f)}) {{ {zero} }} else {{ {plain} }}"))
