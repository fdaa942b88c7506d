"""Builder handlers for cells and free variables (closures) and class bodies."""
from __future__ import annotations

from .build import handles


def _slot(b, name: str) -> int:
    return b.cell_slot_of[name]


@handles("MakeCell", emits=("make_cell",))
def _make_cell(b, op):
    index = _slot(b, op.arg)
    b.locals[index] = b.emit("make_cell", [b.locals[index]])


@handles("CopyFreeVars", emits=("closure_cell",))
def _copy_free_vars(b, op):
    first = len(b.slots) - op.arg
    for i in range(op.arg):
        b.locals[first + i] = b.emit("closure_cell", [], index=i)


@handles("LoadClosure")
def _load_closure(b, op):
    b.push(b.locals[_slot(b, op.arg)])


@handles("LoadDeref", emits=("load_deref",))
def _load_deref(b, op):
    cell = b.locals[_slot(b, op.arg)]
    b.push(b.emit("load_deref", [cell], name=op.arg, free=op.arg in b.code.co_freevars))


@handles("LoadClassDeref", emits=("load_classderef",))
def _load_classderef(b, op):
    b.push(b.emit("load_classderef", [b.locals[_slot(b, op.arg)]], name=op.arg))


@handles("StoreDeref", emits=("store_deref",))
def _store_deref(b, op):
    b.emit("store_deref", [b.locals[_slot(b, op.arg)], b.pop()])


@handles("DeleteDeref", emits=("delete_deref",))
def _delete_deref(b, op):
    cell = b.locals[_slot(b, op.arg)]
    b.emit("delete_deref", [cell], name=op.arg, free=op.arg in b.code.co_freevars)


@handles("LoadBuildClass", emits=("load_build_class",))
def _load_build_class(b, op):
    b.push(b.emit("load_build_class", []))


@handles("SetupAnnotations", emits=("setup_annotations",))
def _setup_annotations(b, op):
    b.emit("setup_annotations", [])
