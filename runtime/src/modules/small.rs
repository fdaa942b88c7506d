//! Small hand-written stand-ins (registry `Replacement`): typing, string, copy, os (minimal).
use crate::object::{Layout, Obj};
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_items, dict_set, new_dict};
use crate::objects::exceptions::{index_error, type_error};
use crate::objects::list::{as_list, new_list};
use crate::objects::module::new_module;
use crate::objects::str::nargs;
use crate::objects::typeobj::OBJECT_TYPE;
use crate::{builtins::split_kw, call, ops, PyResult};

fn module(name: &str, fns: &[(&'static str, BuiltinFn)], values: Vec<(&str, Obj)>) -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str(name))?;
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    for (n, v) in values {
        dict_set(&d, Obj::str(n), v)?;
    }
    Ok(new_module(name, d))
}

fn identity(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(a.get(0).cloned().unwrap_or_else(Obj::none))
}
fn cast(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("cast", a, 2, 2)?;
    Ok(a[1].clone())
}
fn type_var(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(OBJECT_TYPE.obj())
}

/// `typing`: annotations only matter at runtime as subscriptable placeholders.
pub fn typing() -> PyResult {
    use crate::objects::*;
    crate::modules::collections::install_hooks(); // typing.Deque, typing.Counter, ...
    let any = OBJECT_TYPE.obj();
    let mut values: Vec<(&str, Obj)> = vec![
        ("List", list::LIST_TYPE.obj()),
        ("Dict", dict::DICT_TYPE.obj()),
        ("Tuple", tuple::TUPLE_TYPE.obj()),
        ("Set", set::SET_TYPE.obj()),
        ("FrozenSet", set::FROZENSET_TYPE.obj()),
        ("Type", typeobj::TYPE_TYPE.obj()),
        ("DefaultDict", crate::modules::collections::DEFAULTDICT_TYPE.obj()),
        ("Deque", crate::modules::collections::DEQUE_TYPE.obj()),
        ("Counter", crate::modules::collections::COUNTER_TYPE.obj()),
        ("OrderedDict", crate::modules::collections::ORDEREDDICT_TYPE.obj()),
        ("Text", str::STR_TYPE.obj()),
        ("TYPE_CHECKING", Obj::bool(false)),
    ];
    for n in [
        "Any", "Optional", "Union", "Callable", "Iterable", "Iterator", "Sequence", "Mapping", "MutableMapping",
        "MutableSequence", "Generator", "Generic", "Protocol", "ClassVar", "Final", "Literal", "NoReturn",
        "Hashable", "Sized", "Collection", "Container", "AbstractSet", "Awaitable", "Coroutine", "AsyncIterator",
        "SupportsInt", "SupportsFloat", "Annotated", "TypeAlias", "Self", "Never", "IO", "TextIO",
    ] {
        values.push((n, any.clone()));
    }
    module(
        "typing",
        &[
            ("cast", cast),
            ("TypeVar", type_var),
            ("NewType", |a, _| Ok(a.get(1).cloned().unwrap_or_else(Obj::none))),
            ("overload", identity),
            ("final", identity),
            ("runtime_checkable", identity),
            ("no_type_check", identity),
        ],
        values,
    )
}

pub fn string() -> PyResult {
    let lower = "abcdefghijklmnopqrstuvwxyz";
    let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let punct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    let ws = " \t\n\r\x0b\x0c";
    module(
        "string",
        &[("capwords", |a, _| {
            nargs("capwords", a, 1, 2)?;
            let s = ops::str_string(&a[0])?;
            let words: Vec<String> = s
                .split_whitespace()
                .map(|w| {
                    let mut cs = w.chars();
                    match cs.next() {
                        Some(c) => c.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase(),
                        None => String::new(),
                    }
                })
                .collect();
            Ok(Obj::string(words.join(" ")))
        })],
        vec![
            ("ascii_lowercase", Obj::str(lower)),
            ("ascii_uppercase", Obj::str(upper)),
            ("ascii_letters", Obj::string(format!("{}{}", lower, upper))),
            ("digits", Obj::str("0123456789")),
            ("hexdigits", Obj::str("0123456789abcdefABCDEF")),
            ("octdigits", Obj::str("01234567")),
            ("punctuation", Obj::str(punct)),
            ("whitespace", Obj::str(ws)),
            ("printable", Obj::string(format!("0123456789{}{}{}{}", lower, upper, punct, ws))),
        ],
    )
}

// ---------------------------------------------------------------- heapq (CPython's algorithms)

fn heap_list(o: &Obj) -> PyResult<&std::cell::RefCell<Vec<Obj>>> {
    as_list(o).ok_or_else(|| type_error("heap argument must be a list"))
}

fn siftdown(h: &std::cell::RefCell<Vec<Obj>>, startpos: usize, mut pos: usize) -> PyResult<()> {
    let newitem = h.borrow()[pos].clone();
    while pos > startpos {
        let parentpos = (pos - 1) >> 1;
        let parent = h.borrow()[parentpos].clone();
        if ops::lt(&newitem, &parent)? {
            h.borrow_mut()[pos] = parent;
            pos = parentpos;
            continue;
        }
        break;
    }
    h.borrow_mut()[pos] = newitem;
    Ok(())
}

fn siftup(h: &std::cell::RefCell<Vec<Obj>>, mut pos: usize) -> PyResult<()> {
    let endpos = h.borrow().len();
    let startpos = pos;
    let newitem = h.borrow()[pos].clone();
    let mut childpos = 2 * pos + 1;
    while childpos < endpos {
        let rightpos = childpos + 1;
        if rightpos < endpos {
            let (c, r) = (h.borrow()[childpos].clone(), h.borrow()[rightpos].clone());
            if !ops::lt(&c, &r)? {
                childpos = rightpos;
            }
        }
        let c = h.borrow()[childpos].clone();
        h.borrow_mut()[pos] = c;
        pos = childpos;
        childpos = 2 * pos + 1;
    }
    h.borrow_mut()[pos] = newitem;
    siftdown(h, startpos, pos)
}

fn heappush(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("heappush", a, 2, 2)?;
    let h = heap_list(&a[0])?;
    h.borrow_mut().push(a[1].clone());
    let n = h.borrow().len();
    siftdown(h, 0, n - 1)?;
    Ok(Obj::none())
}
fn heappop(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("heappop", a, 1, 1)?;
    let h = heap_list(&a[0])?;
    let last = h.borrow_mut().pop().ok_or_else(|| index_error("index out of range"))?;
    if h.borrow().is_empty() {
        return Ok(last);
    }
    let ret = std::mem::replace(&mut h.borrow_mut()[0], last);
    siftup(h, 0)?;
    Ok(ret)
}
fn heapify(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("heapify", a, 1, 1)?;
    let h = heap_list(&a[0])?;
    let n = h.borrow().len();
    for i in (0..n / 2).rev() {
        siftup(h, i)?;
    }
    Ok(Obj::none())
}
fn heapreplace(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("heapreplace", a, 2, 2)?;
    let h = heap_list(&a[0])?;
    if h.borrow().is_empty() {
        return Err(index_error("index out of range"));
    }
    let ret = std::mem::replace(&mut h.borrow_mut()[0], a[1].clone());
    siftup(h, 0)?;
    Ok(ret)
}
fn heappushpop(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("heappushpop", a, 2, 2)?;
    let h = heap_list(&a[0])?;
    let first = h.borrow().get(0).cloned();
    if let Some(f) = first {
        if ops::lt(&f, &a[1])? {
            let ret = std::mem::replace(&mut h.borrow_mut()[0], a[1].clone());
            siftup(h, 0)?;
            return Ok(ret);
        }
    }
    Ok(a[1].clone())
}
fn n_extreme(a: &[Obj], kw: Option<&Obj>, largest: bool) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    nargs(if largest { "nlargest" } else { "nsmallest" }, pos, 2, 2)?;
    let n = ops::index_value(&pos[0])?.max(0) as usize;
    let key = kws.iter().find(|(k, _)| *k == "key").map(|(_, v)| (*v).clone()).filter(|k| !k.is_none());
    let mut items = ops::collect_iterable(&pos[1])?;
    crate::objects::list::sort_items(&mut items, key.as_ref(), largest)?;
    items.truncate(n);
    Ok(new_list(items))
}
fn nlargest(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    n_extreme(a, kw, true)
}
fn nsmallest(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    n_extreme(a, kw, false)
}

pub fn heapq() -> PyResult {
    module(
        "heapq",
        &[
            ("heappush", heappush),
            ("heappop", heappop),
            ("heapify", heapify),
            ("heapreplace", heapreplace),
            ("heappushpop", heappushpop),
            ("nlargest", nlargest),
            ("nsmallest", nsmallest),
        ],
        vec![],
    )
}

// ---------------------------------------------------------------- bisect

fn bisect_args(a: &[Obj], kw: Option<&Obj>, name: &str) -> PyResult<(Obj, Obj, usize, usize, Option<Obj>)> {
    let (pos, kws) = split_kw(a, kw);
    nargs(name, pos, 2, 4)?;
    let n = ops::len(&pos[0])?;
    let mut lo = match pos.get(2) {
        Some(v) => ops::index_value(v)?,
        None => 0,
    };
    let mut hi = match pos.get(3) {
        Some(v) if !v.is_none() => ops::index_value(v)?,
        _ => n as i64,
    };
    let mut key = None;
    for (k, v) in kws {
        match k {
            "lo" => lo = ops::index_value(v)?,
            "hi" if !v.is_none() => hi = ops::index_value(v)?,
            "key" if !v.is_none() => key = Some(v.clone()),
            _ => {}
        }
    }
    if lo < 0 {
        return Err(crate::objects::exceptions::value_error("lo must be non-negative"));
    }
    Ok((pos[0].clone(), pos[1].clone(), lo as usize, hi as usize, key))
}
fn bisect_impl(a: &[Obj], kw: Option<&Obj>, right: bool) -> PyResult<usize> {
    let (seq, x, mut lo, mut hi, key) = bisect_args(a, kw, if right { "bisect_right" } else { "bisect_left" })?;
    while lo < hi {
        let mid = (lo + hi) / 2;
        let mut item = ops::getitem(&seq, &Obj::int(mid as i64))?;
        if let Some(k) = &key {
            item = call(k, vec![item], None)?;
        }
        let go_left = if right { ops::lt(&x, &item)? } else { !ops::lt(&item, &x)? };
        if go_left {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}
fn bisect_right(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    Ok(Obj::int(bisect_impl(a, kw, true)? as i64))
}
fn bisect_left(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    Ok(Obj::int(bisect_impl(a, kw, false)? as i64))
}
fn insort_impl(a: &[Obj], kw: Option<&Obj>, right: bool) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    let key = kws.iter().find(|(k, _)| *k == "key").map(|(_, v)| (*v).clone()).filter(|k| !k.is_none());
    let i = match &key {
        None => bisect_impl(a, kw, right)?,
        Some(k) => {
            let kx = call(k, vec![pos[1].clone()], None)?;
            let mut b = a.to_vec();
            b[1] = kx;
            bisect_impl(&b, kw, right)?
        }
    };
    ops::call_method(&pos[0], "insert", vec![Obj::int(i as i64), pos[1].clone()], None)?;
    Ok(Obj::none())
}
fn insort_right(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    insort_impl(a, kw, true)
}
fn insort_left(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    insort_impl(a, kw, false)
}

pub fn bisect() -> PyResult {
    module(
        "bisect",
        &[
            ("bisect_right", bisect_right),
            ("bisect_left", bisect_left),
            ("bisect", bisect_right),
            ("insort_right", insort_right),
            ("insort_left", insort_left),
            ("insort", insort_right),
        ],
        vec![],
    )
}

// ---------------------------------------------------------------- copy

fn shallow(o: &Obj) -> PyResult {
    if o.ty().heap {
        if let Some(r) = ops::call_special(o, "__copy__", vec![]) {
            return r;
        }
    }
    match o.layout() {
        Layout::List => Ok(new_list(as_list(o).unwrap().borrow().clone())),
        Layout::Dict => ops::call_method(o, "copy", vec![], None),
        Layout::Set => crate::objects::set::set_from_iter(o, crate::objects::set::is_frozen(o)),
        Layout::Instance if o.ty().heap => {
            let n = crate::objects::typeobj::new_instance(o.ty());
            if let (Some(src), Some(dst)) = (crate::objects::typeobj::instance_dict(o), crate::objects::typeobj::instance_dict(&n)) {
                for (k, v) in dict_items(&src) {
                    dict_set(&dst, k, v)?;
                }
            }
            Ok(n)
        }
        Layout::Deque => crate::ops::call_method(o, "__copy__", vec![], None),
        _ => Ok(o.clone()),
    }
}

fn deep(o: &Obj, memo: &mut Vec<(usize, Obj)>) -> PyResult {
    if let Some((_, v)) = memo.iter().find(|(a, _)| *a == o.addr()) {
        return Ok(v.clone());
    }
    let r = match o.layout() {
        Layout::List => {
            let n = new_list(vec![]);
            memo.push((o.addr(), n.clone()));
            let items = as_list(o).unwrap().borrow().clone();
            for it in items {
                let c = deep(&it, memo)?;
                as_list(&n).unwrap().borrow_mut().push(c);
            }
            return Ok(n);
        }
        Layout::Dict if !o.ty().heap => {
            let n = shallow(o)?;
            ops::call_method(&n, "clear", vec![], None)?;
            memo.push((o.addr(), n.clone()));
            for (k, v) in dict_items(o) {
                let (k2, v2) = (deep(&k, memo)?, deep(&v, memo)?);
                dict_set(&n, k2, v2)?;
            }
            return Ok(n);
        }
        Layout::Tuple if !o.ty().heap => {
            let items: Vec<Obj> = crate::objects::tuple::tuple_items(o).to_vec();
            let mut out = Vec::new();
            for it in items {
                out.push(deep(&it, memo)?);
            }
            Obj::tuple(out)
        }
        Layout::Set => {
            let items = crate::objects::set::items(o);
            let mut out = Vec::new();
            for it in items {
                out.push(deep(&it, memo)?);
            }
            let s = crate::objects::set::build_set(out)?;
            if crate::objects::set::is_frozen(o) {
                crate::objects::set::set_from_iter(&s, true)?
            } else {
                s
            }
        }
        Layout::Instance if o.ty().heap => {
            if let Some(r) = ops::call_special(o, "__deepcopy__", vec![new_dict()]) {
                return r;
            }
            let n = crate::objects::typeobj::new_instance(o.ty());
            memo.push((o.addr(), n.clone()));
            if let (Some(src), Some(dst)) = (crate::objects::typeobj::instance_dict(o), crate::objects::typeobj::instance_dict(&n)) {
                for (k, v) in dict_items(&src) {
                    let v2 = deep(&v, memo)?;
                    dict_set(&dst, k, v2)?;
                }
            }
            return Ok(n);
        }
        _ => o.clone(),
    };
    memo.push((o.addr(), r.clone()));
    Ok(r)
}

pub fn copy() -> PyResult {
    module(
        "copy",
        &[
            ("copy", |a, _| {
                nargs("copy", a, 1, 1)?;
                shallow(&a[0])
            }),
            ("deepcopy", |a, _| {
                nargs("deepcopy", a, 1, 2)?;
                deep(&a[0], &mut Vec::new())
            }),
        ],
        vec![],
    )
}

// ---------------------------------------------------------------- os (minimal)

fn os_getcwd(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::string(std::env::current_dir().map(|p| p.display().to_string()).unwrap_or_else(|_| "/".into())))
}
fn os_path_join(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let mut out = String::new();
    for p in a {
        let s = ops::str_string(p)?;
        if s.starts_with('/') {
            out = s;
        } else if out.is_empty() || out.ends_with('/') {
            out.push_str(&s);
        } else {
            out.push('/');
            out.push_str(&s);
        }
    }
    Ok(Obj::string(out))
}
fn os_path_exists(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("exists", a, 1, 1)?;
    Ok(Obj::bool(std::path::Path::new(&ops::str_string(&a[0])?).exists()))
}
fn os_path_isfile(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("isfile", a, 1, 1)?;
    Ok(Obj::bool(std::path::Path::new(&ops::str_string(&a[0])?).is_file()))
}
fn os_path_isdir(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("isdir", a, 1, 1)?;
    Ok(Obj::bool(std::path::Path::new(&ops::str_string(&a[0])?).is_dir()))
}
fn os_path_basename(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let s = ops::str_string(&a[0])?;
    Ok(Obj::str(s.rsplit('/').next().unwrap_or("")))
}
fn os_path_dirname(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let s = ops::str_string(&a[0])?;
    Ok(Obj::str(match s.rfind('/') {
        Some(0) => "/",
        Some(i) => &s[..i],
        None => "",
    }))
}
fn os_listdir(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let p = match a.get(0) {
        Some(p) => ops::str_string(p)?,
        None => ".".into(),
    };
    let mut names = Vec::new();
    match std::fs::read_dir(&p) {
        Ok(rd) => {
            for e in rd.flatten() {
                names.push(Obj::string(e.file_name().to_string_lossy().into_owned()));
            }
        }
        Err(_) => {
            return Err(crate::objects::exceptions::new_exc(
                &crate::objects::exceptions::FILE_NOT_FOUND_ERROR,
                format!("[Errno 2] No such file or directory: '{}'", p),
            ))
        }
    }
    Ok(new_list(names))
}
fn os_remove(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("remove", a, 1, 1)?;
    let p = ops::str_string(&a[0])?;
    std::fs::remove_file(&p).map_err(|_| {
        crate::objects::exceptions::new_exc(
            &crate::objects::exceptions::FILE_NOT_FOUND_ERROR,
            format!("[Errno 2] No such file or directory: '{}'", p),
        )
    })?;
    Ok(Obj::none())
}

pub fn os() -> PyResult {
    let environ = new_dict();
    for (k, v) in std::env::vars() {
        dict_set(&environ, Obj::string(k), Obj::string(v))?;
    }
    let path = module(
        "posixpath",
        &[
            ("join", os_path_join),
            ("exists", os_path_exists),
            ("isfile", os_path_isfile),
            ("isdir", os_path_isdir),
            ("basename", os_path_basename),
            ("dirname", os_path_dirname),
        ],
        vec![("sep", Obj::str("/"))],
    )?;
    let m = module(
        "os",
        &[("getcwd", os_getcwd), ("listdir", os_listdir), ("remove", os_remove), ("unlink", os_remove)],
        vec![("environ", environ), ("path", path), ("sep", Obj::str("/")), ("linesep", Obj::str("\n")), ("name", Obj::str("posix"))],
    )?;
    // everything else that posix has (stat, mkdir, scandir, open/read/write, ...)
    let md = ops::getattr_str(&m, "__dict__")?;
    let posix = crate::modules::posix::make_module()?;
    for (k, v) in dict_items(&ops::getattr_str(&posix, "__dict__")?) {
        let better = matches!(k.as_str(), Some("getcwd" | "listdir" | "remove" | "unlink"));
        if better || crate::objects::dict::dict_get_str(&md, &k).is_none() {
            dict_set(&md, k, v)?;
        }
    }
    Ok(m)
}
