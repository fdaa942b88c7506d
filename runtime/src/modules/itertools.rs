//! The `itertools` module (iterators driven by Rust closures; results match CPython's order).
use crate::object::{Obj, TypeObject};
use crate::objects::builtin_fn::{new_builtin, new_native_fn, BuiltinFn, NATIVE_FN_TYPE};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{type_error, value_error};
use crate::objects::iter::dyn_iter;
use crate::objects::str::nargs;
use crate::builtins::split_kw;
use crate::objects::native::{check_positional, no_keywords, unpack};
use crate::{call, ops, BinOp, PyResult};

macro_rules! iter_types {
    ($($id:ident = $name:expr;)*) => { $(crate::static_type!($id, $name, &crate::objects::typeobj::OBJECT_TYPE, DynIter, &[], module = "itertools");)* };
}
iter_types! {
    COUNT = "count"; CYCLE = "cycle"; REPEAT = "repeat"; CHAIN = "chain"; ISLICE = "islice";
    ACCUMULATE = "accumulate"; PRODUCT = "product"; PERMUTATIONS = "permutations";
    COMBINATIONS = "combinations"; COMBINATIONS_WR = "combinations_with_replacement"; GROUPBY = "groupby";
    ZIP_LONGEST = "zip_longest"; STARMAP = "starmap"; TAKEWHILE = "takewhile"; DROPWHILE = "dropwhile";
    FILTERFALSE = "filterfalse"; COMPRESS = "compress"; PAIRWISE = "pairwise"; TEE = "_tee";
    GROUPER = "_grouper"; BATCHED = "batched";
}

fn it(ty: &'static TypeObject, f: impl FnMut() -> PyResult<Option<Obj>> + 'static) -> PyResult {
    Ok(dyn_iter(ty, Box::new(f)))
}

/// PyNumber_Check: what count() accepts as its start and step.
fn is_number(o: &Obj) -> bool {
    use crate::object::Layout;
    matches!(o.layout(), Layout::Int | Layout::Float | Layout::Complex)
        || ["__index__", "__int__", "__float__"].iter().any(|m| ops::lookup_special(o, m).is_some())
}
fn count(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let b = unpack("count", a, kw, &["start", "step"], 0, 2, 0)?;
    if b.iter().flatten().any(|v| !is_number(v)) {
        return Err(type_error("a number is required"));
    }
    let start = b[0].clone().unwrap_or_else(|| Obj::int(0));
    let step = b[1].clone().unwrap_or_else(|| Obj::int(1));
    let mut cur = start;
    it(&COUNT, move || {
        let v = cur.clone();
        cur = ops::binary_op(&cur, &step, BinOp::Add)?;
        Ok(Some(v))
    })
}
fn cycle(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("cycle", kw)?;
    check_positional("cycle", a.len(), 1, 1)?;
    let src = ops::get_iter(&a[0])?;
    let mut saved: Vec<Obj> = Vec::new();
    let mut exhausted = false;
    let mut i = 0;
    it(&CYCLE, move || {
        if !exhausted {
            if let Some(v) = ops::iter_next(&src)? {
                saved.push(v.clone());
                return Ok(Some(v));
            }
            exhausted = true;
        }
        if saved.is_empty() {
            return Ok(None);
        }
        let v = saved[i % saved.len()].clone();
        i += 1;
        Ok(Some(v))
    })
}
fn repeat(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let b = unpack("repeat", a, kw, &["object", "times"], 1, 2, 0)?;
    let v = b[0].clone().expect("bound");
    let mut times = match &b[1] {
        Some(t) => Some(ops::index_value(t)?.max(0)),
        None => None,
    };
    it(&REPEAT, move || match &mut times {
        None => Ok(Some(v.clone())),
        Some(0) => Ok(None),
        Some(n) => {
            *n -= 1;
            Ok(Some(v.clone()))
        }
    })
}
fn chain_iters(srcs: Obj) -> PyResult {
    let outer = ops::get_iter(&srcs)?;
    let mut cur: Option<Obj> = None;
    it(&CHAIN, move || loop {
        if let Some(c) = &cur {
            if let Some(v) = ops::iter_next(c)? {
                return Ok(Some(v));
            }
            cur = None;
        }
        match ops::iter_next(&outer)? {
            Some(next) => cur = Some(ops::get_iter(&next)?),
            None => return Ok(None),
        }
    })
}
fn chain(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("chain", kw)?;
    chain_iters(Obj::tuple(a.to_vec()))
}
fn chain_from_iterable(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("from_iterable", a, 1, 1)?;
    chain_iters(a[0].clone())
}
/// An islice index as PyNumber_AsSsize_t reads it, -1 standing for "not an index" as in C.
fn islice_index(o: &Obj) -> i64 {
    if o.is_none() {
        return -2;
    }
    ops::index_value(o).unwrap_or(-1)
}
fn islice(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("islice", kw)?;
    check_positional("islice", a.len(), 2, 4)?;
    let src = ops::get_iter(&a[0])?;
    let stop_error = || value_error("Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    let (mut start, mut stop) = (0i64, None);
    let stop_arg = if a.len() == 2 { &a[1] } else { &a[2] };
    if !stop_arg.is_none() {
        let v = islice_index(stop_arg);
        if v == -1 {
            return Err(stop_error());
        }
        stop = Some(v);
    }
    if a.len() > 2 && !a[1].is_none() {
        start = islice_index(&a[1]);
    }
    if start < 0 || stop.map_or(false, |s| s < -1) {
        return Err(value_error("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."));
    }
    let step = match a.get(3) {
        Some(x) if !x.is_none() => islice_index(x),
        _ => 1,
    };
    if step < 1 {
        return Err(value_error("Step for islice() must be a positive integer or None."));
    }
    let mut pos = 0i64;
    let mut next_idx = start;
    it(&ISLICE, move || {
        if let Some(s) = stop {
            if next_idx >= s {
                // consume up to stop like CPython
                while pos < s {
                    if ops::iter_next(&src)?.is_none() {
                        break;
                    }
                    pos += 1;
                }
                return Ok(None);
            }
        }
        loop {
            let v = match ops::iter_next(&src)? {
                Some(v) => v,
                None => return Ok(None),
            };
            pos += 1;
            if pos - 1 == next_idx {
                next_idx += step;
                return Ok(Some(v));
            }
        }
    })
}
fn accumulate(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let b = unpack("accumulate", a, kw, &["iterable", "func", "initial"], 1, 2, 0)?;
    let src = ops::get_iter(b[0].as_ref().expect("bound"))?;
    let func = b[1].clone().filter(|f| !f.is_none());
    let mut acc = b[2].clone().filter(|v| !v.is_none());
    let mut initial_pending = acc.is_some();
    it(&ACCUMULATE, move || {
        if initial_pending {
            initial_pending = false;
            return Ok(acc.clone());
        }
        let v = match ops::iter_next(&src)? {
            Some(v) => v,
            None => return Ok(None),
        };
        let next = match &acc {
            None => v,
            Some(cur) => match &func {
                Some(f) => call(f, vec![cur.clone(), v], None)?,
                None => ops::binary_op(cur, &v, BinOp::Add)?,
            },
        };
        acc = Some(next.clone());
        Ok(Some(next))
    })
}
/// Yields tuples of `pools` items for successive index vectors produced by `advance`.
fn index_iter(ty: &'static TypeObject, pool: Vec<Obj>, first: Option<Vec<usize>>, advance: fn(&mut Vec<usize>, usize) -> bool) -> PyResult {
    let mut idx = first;
    let n = pool.len();
    it(ty, move || {
        let cur = match &mut idx {
            None => return Ok(None),
            Some(v) => v.clone(),
        };
        let out = Obj::tuple(cur.iter().map(|&i| pool[i].clone()).collect());
        let mut next = cur;
        idx = if advance(&mut next, n) { Some(next) } else { None };
        Ok(Some(out))
    })
}
fn combinations(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let b = unpack("combinations", a, kw, &["iterable", "r"], 2, 2, 0)?;
    let pool = ops::collect_iterable(b[0].as_ref().expect("bound"))?;
    let r = ops::index_value(b[1].as_ref().expect("bound"))?;
    if r < 0 {
        return Err(value_error("r must be non-negative"));
    }
    let r = r as usize;
    let first = if r <= pool.len() { Some((0..r).collect()) } else { None };
    index_iter(&COMBINATIONS, pool, first, |v, n| {
        let r = v.len();
        let mut i = r;
        while i > 0 {
            i -= 1;
            if v[i] != i + n - r {
                v[i] += 1;
                for j in i + 1..r {
                    v[j] = v[j - 1] + 1;
                }
                return true;
            }
        }
        false
    })
}
fn combinations_wr(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let b = unpack("combinations_with_replacement", a, kw, &["iterable", "r"], 2, 2, 0)?;
    let pool = ops::collect_iterable(b[0].as_ref().expect("bound"))?;
    let r = ops::index_value(b[1].as_ref().expect("bound"))?;
    if r < 0 {
        return Err(value_error("r must be non-negative"));
    }
    let r = r as usize;
    let first = if !pool.is_empty() || r == 0 { Some(vec![0; r]) } else { None };
    index_iter(&COMBINATIONS_WR, pool, first, |v, n| {
        let r = v.len();
        let mut i = r;
        while i > 0 {
            i -= 1;
            if v[i] != n - 1 {
                let x = v[i] + 1;
                for j in i..r {
                    v[j] = x;
                }
                return true;
            }
        }
        false
    })
}
fn permutations(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let b = unpack("permutations", a, kw, &["iterable", "r"], 1, 2, 0)?;
    let pool = ops::collect_iterable(b[0].as_ref().expect("bound"))?;
    let n = pool.len();
    let r = match b[1].as_ref().filter(|r| !r.is_none()) {
        Some(r) => {
            if crate::objects::int::as_int(r).is_none() {
                return Err(type_error("Expected int as r"));
            }
            let r = ops::index_value(r)?;
            if r < 0 {
                return Err(value_error("r must be non-negative"));
            }
            r as usize
        }
        None => n,
    };
    // CPython's algorithm with indices + cycles
    let mut indices: Vec<usize> = (0..n).collect();
    let mut cycles: Vec<usize> = (0..r).map(|i| n - i).collect();
    let mut first = true;
    let mut done = r > n;
    it(&PERMUTATIONS, move || {
        if done {
            return Ok(None);
        }
        if first {
            first = false;
            return Ok(Some(Obj::tuple(indices[..r].iter().map(|&i| pool[i].clone()).collect())));
        }
        let mut i = r;
        while i > 0 {
            i -= 1;
            cycles[i] -= 1;
            if cycles[i] == 0 {
                let x = indices.remove(i);
                indices.push(x);
                cycles[i] = n - i;
            } else {
                let j = cycles[i];
                let len = indices.len();
                indices.swap(i, len - j);
                return Ok(Some(Obj::tuple(indices[..r].iter().map(|&i| pool[i].clone()).collect())));
            }
        }
        done = true;
        Ok(None)
    })
}
fn product(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    let mut rep = 1;
    for (k, v) in kws {
        if k != "repeat" {
            return Err(crate::objects::exceptions::unexpected_keyword(k, "product"));
        }
        let n = ops::index_value(v)?;
        if n < 0 {
            return Err(value_error("repeat argument cannot be negative"));
        }
        rep = n as usize;
    }
    let mut pools: Vec<Vec<Obj>> = Vec::new();
    let base: Vec<Vec<Obj>> = pos.iter().map(ops::collect_iterable).collect::<PyResult<_>>()?;
    for _ in 0..rep {
        pools.extend(base.iter().cloned());
    }
    let mut idx: Option<Vec<usize>> = if pools.iter().any(|p| p.is_empty()) { None } else { Some(vec![0; pools.len()]) };
    it(&PRODUCT, move || {
        let cur = match &idx {
            None => return Ok(None),
            Some(v) => v.clone(),
        };
        let out = Obj::tuple(cur.iter().enumerate().map(|(k, &i)| pools[k][i].clone()).collect());
        let mut next = cur;
        let mut k = next.len();
        let mut advanced = false;
        while k > 0 {
            k -= 1;
            next[k] += 1;
            if next[k] < pools[k].len() {
                advanced = true;
                break;
            }
            next[k] = 0;
        }
        idx = if advanced { Some(next) } else { None };
        Ok(Some(out))
    })
}
/// groupby's state, shared with its groups (CPython's groupbyobject): the group being read
/// (`current`, numbered; an older group reads nothing more), the source's value read ahead and
/// its key, and the key of the group handed out last.
struct GroupbyState {
    src: Obj,
    keyfunc: Option<Obj>,
    tgtkey: Option<Obj>,
    currkey: Option<Obj>,
    currvalue: Option<Obj>,
    current: u64,
    groups_made: u64,
}

type SharedGroupby = std::rc::Rc<std::cell::RefCell<GroupbyState>>;

/// Reads the next value and its key into the state (no borrow is held while Python code runs).
fn groupby_step(st: &SharedGroupby) -> PyResult<bool> {
    let (src, keyfunc) = {
        let s = st.borrow();
        (s.src.clone(), s.keyfunc.clone())
    };
    let v = match ops::iter_next(&src)? {
        Some(v) => v,
        None => return Ok(false),
    };
    let k = match &keyfunc {
        Some(f) => call(f, vec![v.clone()], None)?,
        None => v.clone(),
    };
    let mut s = st.borrow_mut();
    s.currvalue = Some(v);
    s.currkey = Some(k);
    Ok(true)
}

fn groupby_next(st: &SharedGroupby) -> PyResult<Option<Obj>> {
    st.borrow_mut().current = 0;
    loop {
        let (tgt, cur) = {
            let s = st.borrow();
            (s.tgtkey.clone(), s.currkey.clone())
        };
        if let Some(cur) = &cur {
            match &tgt {
                None => break,
                Some(t) => {
                    if !ops::eq(t, cur)? {
                        break;
                    }
                }
            }
        }
        if !groupby_step(st)? {
            return Ok(None);
        }
    }
    let (key, n) = {
        let mut s = st.borrow_mut();
        s.tgtkey = s.currkey.clone();
        s.groups_made += 1;
        s.current = s.groups_made;
        (s.currkey.clone().expect("key read"), s.groups_made)
    };
    let group_key = key.clone();
    let shared = st.clone();
    let grouper = dyn_iter(&GROUPER, Box::new(move || grouper_next(&shared, n, &group_key)));
    Ok(Some(Obj::tuple2(key, grouper)))
}

fn grouper_next(st: &SharedGroupby, n: u64, tgtkey: &Obj) -> PyResult<Option<Obj>> {
    if st.borrow().current != n {
        return Ok(None);
    }
    let need_value = st.borrow().currvalue.is_none();
    if need_value && !groupby_step(st)? {
        return Ok(None);
    }
    let cur = st.borrow().currkey.clone().expect("key read");
    if !ops::eq(tgtkey, &cur)? {
        return Ok(None);
    }
    let mut s = st.borrow_mut();
    s.currkey = None;
    Ok(s.currvalue.take())
}

fn groupby(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let b = unpack("groupby", a, kw, &["iterable", "key"], 1, 2, 0)?;
    let src = ops::get_iter(b[0].as_ref().expect("bound"))?;
    let keyfunc = b[1].clone().filter(|k| !k.is_none());
    let st: SharedGroupby = std::rc::Rc::new(std::cell::RefCell::new(GroupbyState {
        src,
        keyfunc,
        tgtkey: None,
        currkey: None,
        currvalue: None,
        current: 0,
        groups_made: 0,
    }));
    it(&GROUPBY, move || groupby_next(&st))
}
fn zip_longest(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    let mut fill = Obj::none();
    for (k, v) in kws {
        if k != "fillvalue" {
            return Err(type_error("zip_longest() got an unexpected keyword argument"));
        }
        fill = v.clone();
    }
    let its: Vec<Obj> = pos.iter().map(ops::get_iter).collect::<PyResult<_>>()?;
    let mut active: Vec<bool> = vec![true; its.len()];
    it(&ZIP_LONGEST, move || {
        if its.is_empty() {
            return Ok(None);
        }
        let mut out = Vec::with_capacity(its.len());
        for (i, t) in its.iter().enumerate() {
            if active[i] {
                match ops::iter_next(t)? {
                    Some(v) => {
                        out.push(v);
                        continue;
                    }
                    None => active[i] = false,
                }
            }
            out.push(fill.clone());
        }
        if active.iter().all(|a| !a) {
            return Ok(None);
        }
        Ok(Some(Obj::tuple(out)))
    })
}
fn starmap(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("starmap", kw)?;
    check_positional("starmap", a.len(), 2, 2)?;
    let f = a[0].clone();
    let src = ops::get_iter(&a[1])?;
    it(&STARMAP, move || match ops::iter_next(&src)? {
        Some(args) => Ok(Some(call(&f, ops::collect_iterable(&args)?, None)?)),
        None => Ok(None),
    })
}
fn takewhile(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("takewhile", kw)?;
    check_positional("takewhile", a.len(), 2, 2)?;
    let f = a[0].clone();
    let src = ops::get_iter(&a[1])?;
    let mut done = false;
    it(&TAKEWHILE, move || {
        if done {
            return Ok(None);
        }
        match ops::iter_next(&src)? {
            Some(v) => {
                if ops::is_true(&call(&f, vec![v.clone()], None)?)? {
                    Ok(Some(v))
                } else {
                    done = true;
                    Ok(None)
                }
            }
            None => Ok(None),
        }
    })
}
fn dropwhile(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("dropwhile", kw)?;
    check_positional("dropwhile", a.len(), 2, 2)?;
    let f = a[0].clone();
    let src = ops::get_iter(&a[1])?;
    let mut dropping = true;
    it(&DROPWHILE, move || loop {
        match ops::iter_next(&src)? {
            Some(v) => {
                if dropping && ops::is_true(&call(&f, vec![v.clone()], None)?)? {
                    continue;
                }
                dropping = false;
                return Ok(Some(v));
            }
            None => return Ok(None),
        }
    })
}
fn filterfalse(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("filterfalse", kw)?;
    check_positional("filterfalse", a.len(), 2, 2)?;
    let f = a[0].clone();
    let src = ops::get_iter(&a[1])?;
    it(&FILTERFALSE, move || loop {
        match ops::iter_next(&src)? {
            Some(v) => {
                let t = if f.is_none() { ops::is_true(&v)? } else { ops::is_true(&call(&f, vec![v.clone()], None)?)? };
                if !t {
                    return Ok(Some(v));
                }
            }
            None => return Ok(None),
        }
    })
}
fn compress(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let b = unpack("compress", a, kw, &["data", "selectors"], 2, 2, 0)?;
    let d = ops::get_iter(b[0].as_ref().expect("bound"))?;
    let s = ops::get_iter(b[1].as_ref().expect("bound"))?;
    it(&COMPRESS, move || loop {
        let v = match ops::iter_next(&d)? {
            Some(v) => v,
            None => return Ok(None),
        };
        match ops::iter_next(&s)? {
            Some(sel) => {
                if ops::is_true(&sel)? {
                    return Ok(Some(v));
                }
            }
            None => return Ok(None),
        }
    })
}
fn pairwise(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("pairwise", kw)?;
    check_positional("pairwise", a.len(), 1, 1)?;
    let src = ops::get_iter(&a[0])?;
    let mut prev: Option<Obj> = None;
    it(&PAIRWISE, move || {
        if prev.is_none() {
            prev = ops::iter_next(&src)?;
            if prev.is_none() {
                return Ok(None);
            }
        }
        match ops::iter_next(&src)? {
            Some(v) => {
                let p = prev.replace(v.clone()).unwrap();
                Ok(Some(Obj::tuple2(p, v)))
            }
            None => Ok(None),
        }
    })
}
/// `batched(iterable, n)` (3.12; 3.13 adds `*, strict=False`): tuples of n items, the last
/// shorter (under `strict`, ValueError), as Modules/itertoolsmodule.c's batched_next.
fn batched(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let strict_kw = crate::modules::sys::python_minor() >= 13;
    let names: &[&str] = if strict_kw { &["iterable", "n", "strict"] } else { &["iterable", "n"] };
    let b = unpack("batched", a, kw, names, 2, 2, 0)?;
    let n = ops::index_value(b[1].as_ref().expect("bound"))?;
    let strict = match b.get(2).and_then(|v| v.as_ref()) {
        Some(v) => ops::is_true(v)?,
        None => false,
    };
    if n < 1 {
        return Err(value_error("n must be at least one"));
    }
    let n = n as usize;
    let mut src = Some(ops::get_iter(b[0].as_ref().expect("bound"))?);
    it(&BATCHED, move || {
        let s = match &src {
            Some(s) => s.clone(),
            None => return Ok(None),
        };
        let mut items = Vec::new();
        while items.len() < n {
            match ops::iter_next(&s)? {
                Some(v) => items.push(v),
                None => {
                    src = None;
                    break;
                }
            }
        }
        if items.is_empty() {
            return Ok(None);
        }
        if strict && items.len() < n {
            src = None;
            return Err(value_error("batched(): incomplete batch"));
        }
        Ok(Some(Obj::tuple(items)))
    })
}

/// What the iterators of one tee() share: the source, and the values read from it that some
/// iterator has not passed yet (`buf[0]` is value number `base`).
struct TeeShared {
    src: Obj,
    buf: std::collections::VecDeque<Obj>,
    base: usize,
    readers: Vec<std::rc::Weak<std::cell::Cell<usize>>>,
}

impl TeeShared {
    /// Drops the values every live reader has passed.
    fn trim(&mut self) {
        self.readers.retain(|r| r.strong_count() > 0);
        let low = self.readers.iter().filter_map(|r| r.upgrade()).map(|p| p.get()).min().unwrap_or(self.base);
        while self.base < low && self.buf.pop_front().is_some() {
            self.base += 1;
        }
    }
}

/// The next value for a reader at `pos`: from the buffer, or read from the source (lazily, by
/// whichever reader is ahead), as CPython's teedataobject.
fn tee_next(shared: &std::rc::Rc<std::cell::RefCell<TeeShared>>, pos: &std::rc::Rc<std::cell::Cell<usize>>) -> PyResult<Option<Obj>> {
    let i = pos.get();
    let buffered = {
        let sh = shared.borrow();
        sh.buf.get(i - sh.base).cloned()
    };
    let v = match buffered {
        Some(v) => v,
        None => {
            let src = shared.borrow().src.clone();
            match ops::iter_next(&src)? {
                Some(v) => {
                    shared.borrow_mut().buf.push_back(v.clone());
                    v
                }
                None => return Ok(None),
            }
        }
    };
    pos.set(i + 1);
    shared.borrow_mut().trim();
    Ok(Some(v))
}

fn tee(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("tee", kw)?;
    check_positional("tee", a.len(), 1, 2)?;
    let n = match a.get(1) {
        Some(n) => ops::index_value(n)?,
        None => 2,
    };
    if n < 0 {
        return Err(value_error("n must be >= 0"));
    }
    let src = ops::get_iter(&a[0])?;
    let shared = std::rc::Rc::new(std::cell::RefCell::new(TeeShared { src, buf: Default::default(), base: 0, readers: Vec::new() }));
    let mut out = Vec::new();
    for _ in 0..n {
        let pos = std::rc::Rc::new(std::cell::Cell::new(0usize));
        shared.borrow_mut().readers.push(std::rc::Rc::downgrade(&pos));
        let sh = shared.clone();
        out.push(dyn_iter(&TEE, Box::new(move || tee_next(&sh, &pos))));
    }
    Ok(Obj::tuple(out))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("itertools"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("count", count),
        ("cycle", cycle),
        ("repeat", repeat),
        ("islice", islice),
        ("accumulate", accumulate),
        ("product", product),
        ("permutations", permutations),
        ("combinations", combinations),
        ("combinations_with_replacement", combinations_wr),
        ("groupby", groupby),
        ("zip_longest", zip_longest),
        ("starmap", starmap),
        ("takewhile", takewhile),
        ("dropwhile", dropwhile),
        ("filterfalse", filterfalse),
        ("compress", compress),
        ("pairwise", pairwise),
        ("tee", tee),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    if crate::modules::sys::python_minor() >= 12 {
        dict_set(&d, Obj::str("batched"), new_builtin("batched", batched))?;
    }
    let chain_obj = new_native_fn(&NATIVE_FN_TYPE, "chain", Box::new(chain));
    let cd = new_dict();
    dict_set(&cd, Obj::str("from_iterable"), new_builtin("from_iterable", chain_from_iterable))?;
    *crate::objects::builtin_fn::as_native_fn(&chain_obj).unwrap().dict.borrow_mut() = Some(cd);
    dict_set(&d, Obj::str("chain"), chain_obj)?;
    Ok(crate::objects::module::new_module("itertools", d))
}
