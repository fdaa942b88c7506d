"""The register ABI of cold units: an operation a cold (library) unit calls through `raising`
is printed as the runtime's out-of-line register form (`runtime/src/cold.rs`). wasm32 returns
a `PyResult` through memory and `&Obj` is the address of a slot, so every call site of a cold
unit paid a result slot, two loads and a store, and every value lived in the shadow stack.
The register form takes borrowed objects as `ObjRef` (the pointer, `oref(&v)` at the site)
and returns one wasm value (`Option<Obj>`, `u32`, `bool`; the error parked in the runtime),
turned back into the `PyResult` at the site by an inline `or_pending`.

A cold function's error exit: an operation without a handler leaves the function's loop `'b`
without a value (`r!`: the register result tested in place; `t!`: a `PyResult`'s exception
parked first), and the one exit takes the parked exception back (`pending()`), so no site
calls `pending()` or carries the `Exc` through the drops of its live values. The parked
exceptions are a stack (`cold.rs`): drops on the way out may run Python code that parks and
takes its own.

A dropped value is passed to the runtime by value: `drop_in_place::<Obj>` is a load and a call
of the unit's copy of `decref_inline`, which LLVM inlines at the cold threshold
(`build.COLD_FLAGS`) once `COLD_MACROS` gives that copy a second use. Without it, every live
value that Rust drops when a site breaks to the exit was dropped through the address of its
slot, so every value live across a raising operation sat in the shadow stack.
"""
from __future__ import annotations

import re

# a byte literal such as format_value's conversion `b's'`: no comma or parenthesis inside
_BYTE_CHAR = re.compile(r"\bb'[a-z]'")

# operation printed -> (register form, the inline unwrapper back to its PyResult, argument
# kinds: "o" a borrowed object passed as `oref(arg)`, "m" a loaded method (`&MethR`) passed as
# `mref(arg)`, "-" passed as printed)
O, B, U = "or_pending", "bool_or_pending", "unit_or_pending"
N = "next_or_pending"
M = "meth_or_pending"
REGISTER_FORMS = {
    "load_global_ic": ("load_global_icr", O, "o--"),
    "load_global": ("load_globalr", O, "o-"),
    "load_name": ("load_namer", O, "oo-"),
    "getattr_ic": ("getattr_icr", O, "o--"),
    "call0": ("call0r", O, "o"),
    "call1": ("call1r", O, "oo"),
    "call2": ("call2r", O, "ooo"),
    "call3": ("call3r", O, "oooo"),
    "call_attr_ic0": ("call_attr_ic0r", O, "o--"),
    "call_attr_ic1": ("call_attr_ic1r", O, "o--o"),
    "call_attr_ic2": ("call_attr_ic2r", O, "o--oo"),
    "binary_op": ("binary_opr", O, "oo-"),
    "inplace_op": ("inplace_opr", O, "oo-"),
    "ops::getitem_call": ("getitemr", O, "oo"),
    "get_iter": ("get_iterr", O, "o"),
    "compare": ("comparer", O, "oo-"),
    "is_true": ("is_truer", B, "o"),
    "compare_bool": ("compare_boolr", B, "oo-"),
    "contains": ("containsr", B, "oo"),
    "store_global": ("store_globalr", U, "o--"),
    "setattr_ic": ("setattr_icr", U, "o---"),
    "setitem": ("setitemr", U, "oo-"),
    "call_attr_ic3": ("call_attr_ic3r", O, "o--ooo"),
    "load_method_ic": ("load_method_icr", M, "o--"),
    "call_meth0": ("call_meth0r", O, "m"),
    "call_meth1": ("call_meth1r", O, "mo"),
    "call_meth2": ("call_meth2r", O, "moo"),
    "call_meth3": ("call_meth3r", O, "mooo"),
    "call_methv": ("call_methvr", O, "m--"),
    "call": ("callr", O, "o--"),
    "call_ex": ("call_exr", O, "oo-"),
    "format_value": ("format_valuer", O, "o--"),
    "build_map": ("build_mapr", O, "-"),
    "build_string": ("build_stringr", O, "-"),
    "import_from": ("import_fromr", O, "o-"),
    "list_append": ("list_appendr", U, "o-"),
    "list_extend": ("list_extendr", U, "oo"),
    "ops::iter_next_call": ("iter_nextr", N, "o"),
}


COLD_MACROS = """\
/// A second use of the unit's copy of `decref_inline`: LLVM then keeps it out of
/// `drop_in_place::<Obj>`, which (a load and one call) is inlined where an `Obj` is dropped
/// (`build.COLD_FLAGS`' threshold), so a dropped value is passed in a register, not by the
/// address of a slot in the shadow stack.
#[cfg(target_arch = "wasm32")]
#[used]
static DECREF: fn(std::ptr::NonNull<PyObjectHeader>) = pyrt::object::decref_inline;
/// An operation's result, or (its exception parked) to the function's one error exit `$l`.
macro_rules! t {
    ($l:lifetime, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => { park(e); break $l }
        }
    };
}
/// A register form's result, or to the function's one error exit `$l` (its exception parked).
macro_rules! r {
    ($l:lifetime, $e:expr) => {
        match Reg::ok($e) {
            Some(v) => v,
            None => break $l,
        }
    };
}
"""
UNWRAPPERS = (O, B, U, N, "meth_or_pending")


def register_call(expr: str) -> str | None:
    """The register-form call of `expr` (printed as an operation or already as
    `or_pending(form(..))`), or None."""
    expr = register_form(expr)
    for unwrap in UNWRAPPERS:
        if expr.startswith(unwrap + "(") and expr.endswith(")"):
            inner = expr[len(unwrap) + 1:-1]
            if _arguments(inner) is not None and len(_arguments(inner)) == 1:
                return inner
    return None


def _arguments(inner: str) -> list[str] | None:
    """The top-level comma-separated arguments of a call's parenthesis contents."""
    args, depth, start = [], 0, 0
    for i, ch in enumerate(inner):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth < 0:
                return None
        elif ch == "," and depth == 0:
            args.append(inner[start:i].strip())
            start = i + 1
    if depth != 0:
        return None
    args.append(inner[start:].strip())
    return args


def register_form(expr: str) -> str:
    """`expr` (one call of an operation, a PyResult) in its register form, or unchanged when
    it is not a single call of an operation that has one."""
    paren = expr.find("(")
    if paren <= 0 or not expr.endswith(")") or '"' in expr or "'" in _BYTE_CHAR.sub("", expr):
        return expr
    form = REGISTER_FORMS.get(expr[:paren])
    if form is None:
        return expr
    name, unwrap, kinds = form
    args = _arguments(expr[paren + 1:-1])
    if args is None or len(args) != len(kinds):
        return expr
    wrap = {"o": "oref({})", "m": "mref({})", "-": "{}"}
    args = [wrap[kind].format(a) for a, kind in zip(args, kinds)]
    return f"{unwrap}({name}({', '.join(args)}))"
