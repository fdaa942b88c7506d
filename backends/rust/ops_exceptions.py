"""Printer methods for exception handling: the handled-exception slot, `except` matching,
`with` entry and exit, and `except*`.

A mixin of `FunctionPrinter` (printer.py): methods use its helpers (`bind`, `emit`, `ref`,
`owned`, `raising`, ...)."""
from __future__ import annotations


class ExceptionOps:
    def op_push_exc_info(self, inst):
        self.bind(inst, f"push_exc_info({self.ref(inst.args[0])})")

    def op_pop_except(self, inst):
        self.emit(f"pop_except({self.ref(inst.args[0])});")

    def op_exc_match(self, inst):
        exc, ty = inst.args
        self.bind(inst, self.raising(inst, f"exc_match({self.ref(exc)}, {self.ref(ty)})"))

    def op_with_enter(self, inst):
        self.set_live_line(inst)
        pair = self.raising(inst, f"with_enter({self.ref(inst.args[0])})")
        self.bind(inst, f"{{ let (exit, entered) = {pair}; [exit, entered] }}")

    def op_load_special(self, inst):
        self.bind(inst, self.raising(inst, f"load_special({self.ref(inst.args[0])}, {self._name(inst)})"))

    def op_with_except_start(self, inst):
        exit, exc = inst.args
        self.set_live_line(inst)
        self.bind(inst, self.raising(inst, f"with_except_start({self.ref(exit)}, {self.ref(exc)})"))

    def op_check_eg_match(self, inst):
        exc, ty = inst.args
        # the frame and line: 3.13+ give a naked exception's wrapping group this frame's entry
        pair = self.raising(inst, f"check_eg_match({self.ref(exc)}, {self.ref(ty)}, &{self.code}, "
                                  f"{self.line_of(inst)})")
        self.bind(inst, f"{{ let (rest, matched) = {pair}; [rest, matched] }}")

    def op_prep_reraise_star(self, inst):
        orig, excs = inst.args
        self.bind(inst, self.raising(inst, f"prep_reraise_star({self.ref(orig)}, {self.ref(excs)})"))
