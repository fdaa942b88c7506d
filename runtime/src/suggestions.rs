//! "Did you mean" in the display of an uncaught NameError, AttributeError or ImportError, as
//! each CPython version adds it: 3.11 and 3.12 in C (Python/suggestions.c, exact exception
//! types only; the candidate lists searched one after another: the code's local variable
//! names, the frame's globals, its builtins), 3.13+ in `traceback.TracebackException` (any
//! subclass; one list of the frame's locals, globals and builtins; attributes and module
//! names starting with `_` hidden unless the wrong name starts with one), both measuring
//! with the same edit distance (`_suggestions` is the C code). 3.12 adds "Did you forget to
//! import 'x'?" for standard-library module names and suggestions for `from m import x`.
//!
//! Not reproduced: 3.12+'s "Did you mean: 'self.x'?" (needs the value of the frame's `self`,
//! which a traceback entry here does not keep: taken as not having the attribute), and, for 3.13+, the frame's locals
//! of a function are its local variable names whether bound or not, and attributes starting
//! with `_` stay hidden even in a method of the object itself.
use crate::objects::exceptions::{exc_data, exc_getattr, ATTRIBUTE_ERROR, IMPORT_ERROR, NAME_ERROR};
use crate::{ops, Obj};

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: i64 = 2;
const CASE_COST: i64 = 1;

static mut BUILTIN_NAMES: &[&str] = &[];
static mut STDLIB_MODULE_NAMES: &[&str] = &[];

/// The printed `main` hands over its version's builtins names (in the builtins dict's order)
/// and `sys.stdlib_module_names` (tools/gen_name_data.py, opcode_matrix/names_3_XX.json).
pub fn set_name_data(builtins: &'static [&'static str], stdlib: &'static [&'static str]) {
    unsafe {
        BUILTIN_NAMES = builtins;
        STDLIB_MODULE_NAMES = stdlib;
    }
}

fn builtin_names() -> Vec<String> {
    let mut v: Vec<String> = unsafe { BUILTIN_NAMES }.iter().map(|s| s.to_string()).collect();
    if v.is_empty() {
        // a runtime used without a printed main: the runtime's own builtins
        v = crate::objects::dict::dict_keys(&crate::builtins::builtins_dict()).iter().filter_map(|k| k.as_str().map(str::to_string)).collect();
    }
    v
}

fn substitution_cost(a: u8, b: u8) -> i64 {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.to_ascii_lowercase() == b.to_ascii_lowercase() && a.is_ascii_alphabetic() {
        return CASE_COST;
    }
    MOVE_COST
}

/// suggestions.c's levenshtein_distance over UTF-8 bytes, giving up past `max_cost`.
fn levenshtein<'a>(mut a: &'a [u8], mut b: &'a [u8], max_cost: i64) -> i64 {
    while !a.is_empty() && !b.is_empty() && a[0] == b[0] {
        a = &a[1..];
        b = &b[1..];
    }
    while !a.is_empty() && !b.is_empty() && a[a.len() - 1] == b[b.len() - 1] {
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) as i64 * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) as i64 * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<i64> = (1..=a.len() as i64).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut distance = bi as i64 * MOVE_COST;
        result = distance;
        let mut minimum = i64::MAX;
        for (i, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = row[i];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[i] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// `_Py_CalculateSuggestions`: the closest candidate (the first of equals), if close enough.
fn calculate(dir: &[String], name: &str) -> Option<String> {
    if dir.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(i64, &String)> = None;
    for item in dir {
        if item == name {
            continue;
        }
        // no more than 1/3 of the involved characters should need changing
        let mut max_distance = (name.len() + item.len() + 3) as i64 * MOVE_COST / 6;
        if let Some((d, _)) = best {
            max_distance = max_distance.min(d - 1);
        }
        if max_distance < 0 {
            continue;
        }
        let d = levenshtein(name.as_bytes(), item.as_bytes(), max_distance);
        if d > max_distance {
            continue;
        }
        if best.map_or(true, |(bd, _)| d < bd) {
            best = Some((d, item));
        }
    }
    best.map(|(_, s)| s.clone())
}

fn str_keys(mapping: &Obj) -> Vec<String> {
    let keys = if crate::objects::dict::as_dict(mapping).is_some() {
        crate::objects::dict::dict_keys(mapping)
    } else {
        ops::collect_iterable(mapping).unwrap_or_default()
    };
    keys.iter().filter_map(|k| k.as_str().map(str::to_string)).collect()
}

/// `pub`: a private static that only ever receives `attribute_trailer` would let the optimizer
/// call that directly, linking it (and dir()) into every program.
pub static mut ATTRIBUTE_TRAILER: Option<fn(&Obj) -> Option<String>> = None;

/// Printed `main`s of programs that access attributes or import (the only ways to an
/// AttributeError or ImportError with a name) turn on their suggestions, which need `dir()`
/// and the module table: a program that does neither (hello world) does not link them.
pub fn enable_attribute_suggestions() {
    unsafe { ATTRIBUTE_TRAILER = Some(attribute_trailer) }
}

fn dir_of(o: &Obj) -> Option<Vec<String>> {
    let d = crate::builtins::b_dir(&[o.clone()], None).ok()?;
    // dir() returns its names sorted already
    let v: Vec<String> = ops::collect_iterable(&d).ok()?.iter().filter_map(|k| k.as_str().map(str::to_string)).collect();
    Some(v)
}

fn hide_underscored(d: Vec<String>, wrong: &str) -> Vec<String> {
    if wrong.starts_with('_') {
        d
    } else {
        d.into_iter().filter(|x| !x.starts_with('_')).collect()
    }
}

fn quoted(s: &str, c_format: bool) -> String {
    if c_format {
        // PyUnicode_FromFormat's %R
        ops::repr_string(&Obj::str(s)).unwrap_or_else(|_| format!("'{}'", s))
    } else {
        format!("'{}'", s)
    }
}

fn attr_str(e: &Obj, name: &str) -> Option<String> {
    exc_getattr(e, name).and_then(|v| v.as_str().map(str::to_string))
}

/// The text CPython appends to the `Type: message` line of uncaught exception `e` ("" if none).
pub fn trailer(e: &Obj) -> String {
    if let Some(f) = unsafe { ATTRIBUTE_TRAILER } {
        if let Some(t) = f(e) {
            return t;
        }
    }
    name_trailer(e)
}

/// AttributeError and ImportError: Some (maybe "") when `e` is one of them.
fn attribute_trailer(e: &Obj) -> Option<String> {
    let minor = crate::modules::sys::python_minor();
    let c = minor <= 12;
    let is = |t: &'static crate::object::TypeObject| if c { e.is_type(t) } else { e.is_instance_of(t) };
    attribute_or_import(e, minor, c, is(&IMPORT_ERROR), is(&ATTRIBUTE_ERROR))
}

fn attribute_or_import(e: &Obj, minor: u32, c: bool, import: bool, attribute: bool) -> Option<String> {
    if minor >= 12 && import {
        let (wrong, module) = match (attr_str(e, "name_from"), attr_str(e, "name")) {
            (Some(w), Some(m)) => (w, m),
            _ => return Some(String::new()),
        };
        let modules = crate::modules::modules_dict();
        let key = if c { module.as_str() } else { module.split('.').next().unwrap_or("") };
        let m = match crate::objects::dict::dict_get_str(&modules, &Obj::str(key)) {
            Some(m) => m,
            None => return Some(String::new()),
        };
        let d = match dir_of(&m) {
            Some(d) => d,
            None => return Some(String::new()),
        };
        let d = if c { d } else { hide_underscored(d, &wrong) };
        return Some(match calculate(&d, &wrong) {
            Some(s) => format!(". Did you mean: {}?", quoted(&s, c)),
            None => String::new(),
        });
    }
    if attribute {
        let wrong = match attr_str(e, "name") {
            Some(w) => w,
            None => return Some(String::new()),
        };
        let obj = exc_data(e).and_then(|d| d.suggest.borrow().as_ref().and_then(|s| s.obj.clone()));
        let obj = match obj {
            Some(o) => o,
            None if c => return Some(String::new()),
            None => exc_getattr(e, "obj").unwrap_or_else(Obj::none),
        };
        let d = match dir_of(&obj) {
            Some(d) => d,
            None => return Some(String::new()),
        };
        let d = if c { d } else { hide_underscored(d, &wrong) };
        return Some(match calculate(&d, &wrong) {
            Some(s) => format!(". Did you mean: {}?", quoted(&s, c)),
            None => String::new(),
        });
    }
    None
}

fn name_trailer(e: &Obj) -> String {
    let minor = crate::modules::sys::python_minor();
    let c = minor <= 12;
    let is = |t: &'static crate::object::TypeObject| if c { e.is_type(t) } else { e.is_instance_of(t) };
    if is(&NAME_ERROR) {
        let wrong = match attr_str(e, "name") {
            Some(w) => w,
            None => return String::new(),
        };
        let data = match exc_data(e) {
            Some(d) => d,
            None => return String::new(),
        };
        let code = match data.tb.borrow().first() {
            Some((code, _)) => *code,
            None => return String::new(),
        };
        let (globals, locals) = match data.suggest.borrow().as_ref() {
            Some(s) => (s.globals.clone(), s.locals.clone()),
            None => (None, None),
        };
        let varnames: Vec<String> = code.varnames.iter().map(|s| s.to_string()).collect();
        let globals = globals.map(|g| str_keys(&g)).unwrap_or_default();
        let builtins = builtin_names();
        // (3.12+ would first answer 'self.<name>' when the frame's `self` has that attribute:
        // not known here, taken as absent)
        let suggestion = if c {
            calculate(&varnames, &wrong).or_else(|| calculate(&globals, &wrong)).or_else(|| calculate(&builtins, &wrong))
        } else {
            let mut d = match &locals {
                Some(l) => str_keys(l),
                None if code.flags & 1 != 0 => varnames,
                None => globals.clone(),
            };
            d.extend(globals);
            d.extend(builtins);
            calculate(&d, &wrong)
        };
        let stdlib = minor >= 12 && unsafe { STDLIB_MODULE_NAMES }.iter().any(|m| *m == wrong);
        return match (suggestion, stdlib) {
            (Some(s), false) => format!(". Did you mean: {}?", quoted(&s, c)),
            (None, true) => format!(". Did you forget to import {}?", quoted(&wrong, c)),
            (Some(s), true) => format!(". Did you mean: {}? Or did you forget to import {}?", quoted(&s, c), quoted(&wrong, c)),
            (None, false) => String::new(),
        };
    }
    String::new()
}
