"""instrument: the Rust of a profiling build (`pybc2wasm compile --profile-run`, docs/profile.md).

A unit printed with `module.instrument` set (its module name) counts, at the entry of each
generic function that is not module or class code, the call and the exact type of each
parameter, as a bit mask per parameter (`KINDS`); for a list the kind of its first and last
elements (a list element that is itself a list: the kind of its first element, down to three
levels) is or-ed in as `ELEMENT_KINDS`. The counters are relaxed atomics in statics of the
unit; at process exit (libc `atexit`, registered on the first call) the unit appends one line
per function called at least once to the file named by $PYBC2WASM_PROFILE_OUT:
`module TAB qualname TAB firstlineno TAB calls TAB mask,mask,...`. `pybc2wasm.profile` reads
these lines into the profile file. Native target only (the types observed do not depend on it).
"""
from __future__ import annotations

from ...tir.ir import Function, Module
from . import names

# exact type name → bit; anything else is "other"
KINDS = {"int": 1, "float": 2, "bool": 4, "str": 8, "list": 16, "tuple": 32, "dict": 64,
         "NoneType": 128}
OTHER = 256
# the kinds of a list's (sampled) elements, shifted past the parameter kinds
ELEMENT_KINDS = {"int": 1 << 9, "float": 1 << 10, "bool": 1 << 11, "list": 1 << 12}
ELEMENT_OTHER = 1 << 13
ELEMENT_EMPTY = 1 << 14     # an empty list was seen


def instrumented(fn: Function) -> bool:
    """Functions whose entries are counted: those a call creates a frame for (not module or
    class bodies, which run once)."""
    return fn.kind == "generic" and bool(fn.meta["flags"] & 0x02) and not fn.is_class_body


def counters(fn: Function) -> str:
    return f"PROF_F{fn.id}"


def entry_line(fn: Function, params: str) -> str:
    """The statement first in the function: count the call, note the parameters' kinds."""
    return f"    prof_note(&{counters(fn)}, {params});"


HELPERS = """\
// ---- profiling build: call counts and parameter kinds (pybc2wasm.profile)
const PROF_ZERO: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
static PROF_REGISTERED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
extern "C" { fn atexit(f: extern "C" fn()) -> i32; }
fn prof_kind(o: &Obj) -> u32 {
    match o.type_name() {
        KIND_ARMS
        _ => OTHER_BIT,
    }
}
fn prof_element(o: &Obj, depth: u32) -> u32 {
    let name = o.type_name();
    if name == "list" && depth < 3 {
        if let Some(items) = pyrt::objects::list::as_list(o) {
            let first = items.borrow().first().cloned();
            if let Some(x) = first { return LIST_ELEMENT_BIT | prof_element(&x, depth + 1); }
            return EMPTY_BIT;
        }
    }
    match name {
        ELEMENT_ARMS
        _ => ELEMENT_OTHER_BIT,
    }
}
fn prof_note(slots: &[std::sync::atomic::AtomicU32], params: &[&Obj]) {
    use std::sync::atomic::Ordering::Relaxed;
    if !PROF_REGISTERED.swap(true, Relaxed) {
        unsafe { atexit(prof_dump); }
    }
    slots[0].fetch_add(1, Relaxed);
    for (i, p) in params.iter().enumerate() {
        if i + 1 >= slots.len() { break; }
        let mut mask = prof_kind(p);
        if mask == LIST_BIT {
            if let Some(items) = pyrt::objects::list::as_list(p) {
                let (first, last) = { let v = items.borrow(); (v.first().cloned(), v.last().cloned()) };
                match (first, last) {
                    (Some(a), Some(b)) => { mask |= prof_element(&a, 1) | prof_element(&b, 1); }
                    _ => { mask |= EMPTY_BIT; }
                }
            }
        }
        slots[i + 1].fetch_or(mask, Relaxed);
    }
}
"""


def render(module: Module) -> str:
    """The counters of every instrumented function and the unit's helpers and exit dump."""
    kind_arms = " ".join(f'"{k}" => {v},' for k, v in KINDS.items())
    element_arms = " ".join(f'"{k}" => {v},' for k, v in ELEMENT_KINDS.items() if k != "list")
    text = (HELPERS.replace("KIND_ARMS", kind_arms).replace("ELEMENT_ARMS", element_arms)
            .replace("ELEMENT_OTHER_BIT", str(ELEMENT_OTHER)).replace("OTHER_BIT", str(OTHER))
            .replace("LIST_ELEMENT_BIT", str(ELEMENT_KINDS["list"]))
            .replace("EMPTY_BIT", str(ELEMENT_EMPTY)).replace("LIST_BIT", str(KINDS["list"])))
    lines = [text]
    table = []
    for fn in module.functions:
        if not instrumented(fn):
            continue
        n = 1 + len(fn.entry.params)
        lines.append(f"static {counters(fn)}: [std::sync::atomic::AtomicU32; {n}] = [PROF_ZERO; {n}];")
        table.append(f"    ({names.rust_str(fn.meta['qualname'])}, {fn.meta['firstlineno']}, &{counters(fn)}),")
    lines.append("static PROF_TABLE: &[(&str, u32, &[std::sync::atomic::AtomicU32])] = &[")
    lines += table
    lines.append("];")
    lines.append(f"""\
extern "C" fn prof_dump() {{
    use std::io::Write;
    use std::sync::atomic::Ordering::Relaxed;
    let path = match std::env::var_os("PYBC2WASM_PROFILE_OUT") {{ Some(p) => p, None => return }};
    let mut out = String::new();
    for (qualname, line, slots) in PROF_TABLE.iter() {{
        let calls = slots[0].load(Relaxed);
        if calls == 0 {{ continue; }}
        let masks: Vec<String> = slots[1..].iter().map(|s| s.load(Relaxed).to_string()).collect();
        out.push_str(&format!("{{}}\\t{{}}\\t{{}}\\t{{}}\\t{{}}\\n", {names.rust_str(module.instrument)}, qualname, line, calls, masks.join(",")));
    }}
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(path) {{
        let _ = f.write_all(out.as_bytes());
    }}
}}""")
    return "\n".join(lines) + "\n"
