//! Driver for the differential property tests (tests/test_runtime_properties.py): evaluates
//! operations in the runtime and prints their results for comparison with CPython.
//!
//! Input: batches of lines, each batch ended by a line `END`; output: one line per case, then
//! `END`, written after the whole batch was read (so neither side blocks on a full pipe).
//!
//! A case is `OP ARG...` with space-separated tokens. Values (prefix notation):
//!   i<decimal>  int          f<16 hex digits>  float (IEEE bits)   s<hex of UTF-8>  str
//!   N T F       None/True/False                B<name>  the builtin `name`
//!   L<n> U<n> S<n>  list/tuple/set of the next n values     D<n>  dict of the next n pairs
//! Operations (a trailing `@s` sorts the result before its repr, for sets and dict views):
//!   bin:<op> a b   un:<neg|pos|inv|not> a   cmp:<op> a b
//!   call:<builtin> args...       callkw:<builtin>:<k1,k2> args...   (last values are keywords)
//!   meth:<name> self args...     methkw:<name>:<k1,k2> self args...
//!   mut:<name> self args...      (repr of the tuple (result, self) after the call)
//!   muts:<name>/<nargs>,... self args...   (several method calls on self, in order: repr of
//!                                 ([results], self); a raising call gives its error as result)
//! Result line: `ok <repr>` or `err <Type: message>`, then ` leak=<n>` when evaluating the case
//! again left live objects behind (pyrt::gc::leaked_by).
use pyrt::objects::exceptions::exc_line;
use pyrt::ops::repr_string;
use pyrt::*;
use std::io::{BufRead, Write};

fn hex_bytes(h: &str) -> Vec<u8> {
    (0..h.len() / 2).map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).expect("hex")).collect()
}

/// Parses one value from the token stream.
fn value(toks: &mut std::slice::Iter<&str>) -> PyResult {
    let t = *toks.next().expect("missing value");
    let (tag, rest) = t.split_at(1);
    let count = || rest.parse::<usize>().expect("count");
    Ok(match tag {
        "i" => Obj::int_from_str(rest),
        "f" => Obj::float(f64::from_bits(u64::from_str_radix(rest, 16).expect("float bits"))),
        "s" => Obj::str(&String::from_utf8(hex_bytes(rest)).expect("utf-8")),
        "N" => Obj::none(),
        "T" => Obj::bool(true),
        "F" => Obj::bool(false),
        "B" => builtin(rest),
        "L" => build_list(values(toks, count())?),
        "U" => build_tuple(values(toks, count())?),
        "S" => build_set(values(toks, count())?)?,
        "D" => {
            let mut pairs = Vec::new();
            for _ in 0..count() {
                let k = value(toks)?;
                pairs.push((k, value(toks)?));
            }
            build_map(pairs)?
        }
        _ => panic!("bad value token {}", t),
    })
}

fn values(toks: &mut std::slice::Iter<&str>, n: usize) -> PyResult<Vec<Obj>> {
    (0..n).map(|_| value(toks)).collect()
}

fn binop(sym: &str) -> BinOp {
    match sym {
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "*" => BinOp::Mul,
        "/" => BinOp::TrueDiv,
        "//" => BinOp::FloorDiv,
        "%" => BinOp::Mod,
        "**" => BinOp::Pow,
        "<<" => BinOp::LShift,
        ">>" => BinOp::RShift,
        "&" => BinOp::And,
        "|" => BinOp::Or,
        "^" => BinOp::Xor,
        _ => panic!("bad binop {}", sym),
    }
}

fn cmpop(sym: &str) -> CmpOp {
    match sym {
        "<" => CmpOp::Lt,
        "<=" => CmpOp::Le,
        "==" => CmpOp::Eq,
        "!=" => CmpOp::Ne,
        ">" => CmpOp::Gt,
        ">=" => CmpOp::Ge,
        _ => panic!("bad compare {}", sym),
    }
}

/// Keyword names `k1,k2` as a tuple of str.
fn kwnames(spec: &str) -> Obj {
    build_tuple(spec.split(',').map(Obj::str).collect())
}

/// Evaluates one case to its result object.
fn eval(line: &str) -> PyResult {
    let toks: Vec<&str> = line.split(' ').filter(|t| !t.is_empty()).collect();
    let (op, sort) = match toks[0].strip_suffix("@s") {
        Some(op) => (op, true),
        None => (toks[0], false),
    };
    let mut it = toks[1..].iter();
    let mut parts = op.splitn(3, ':');
    let kind = parts.next().unwrap();
    let name = parts.next().unwrap_or("");
    let kw = parts.next().map(kwnames);
    let mut args = Vec::new();
    while it.len() > 0 {
        args.push(value(&mut it)?);
    }
    let r = match kind {
        "bin" => binary_op(&args[0], &args[1], binop(name))?,
        "cmp" => compare(&args[0], &args[1], cmpop(name))?,
        "un" => match name {
            "neg" => unary_neg(&args[0])?,
            "pos" => unary_pos(&args[0])?,
            "inv" => unary_invert(&args[0])?,
            _ => unary_not(&args[0])?,
        },
        "call" | "callkw" => call(&builtin(name), args, kw.as_ref())?,
        "meth" | "methkw" => call_method(&args[0], name, args[1..].to_vec(), kw.as_ref())?,
        "mut" => {
            let r = call_method(&args[0], name, args[1..].to_vec(), None)?;
            build_tuple(vec![r, args[0].clone()])
        }
        "muts" => {
            let mut rest = args[1..].iter();
            let mut results = Vec::new();
            for m in name.split(',') {
                let (meth, n) = m.split_once('/').expect("name/nargs");
                let margs: Vec<Obj> = rest.by_ref().take(n.parse().expect("nargs")).cloned().collect();
                results.push(match protocol_call(&args[0], meth, margs) {
                    Ok(r) => r,
                    Err(e) => Obj::str(&exc_line(e.value())),
                });
            }
            build_tuple(vec![build_list(results), args[0].clone()])
        }
        _ => panic!("bad op {}", op),
    };
    if sort {
        return call(&builtin("sorted"), vec![r], None);
    }
    Ok(r)
}

/// `self.name(*args)`; the dunders of the container protocol go through the runtime's
/// operations (what `d[k] = v`, `del d[k]`, `k in d`, `len(d)` compile to).
fn protocol_call(this: &Obj, name: &str, args: Vec<Obj>) -> PyResult {
    match name {
        "__setitem__" => setitem(this, &args[0], args[1].clone()).map(|_| Obj::none()),
        "__delitem__" => delitem(this, &args[0]).map(|_| Obj::none()),
        "__contains__" => contains(this, &args[0]).map(Obj::bool),
        "__len__" => call(&builtin("len"), vec![this.clone()], None),
        _ => call_method(this, name, args, None),
    }
}

fn outcome(line: &str) -> String {
    match eval(line).and_then(|r| repr_string(&r)) {
        Ok(s) => format!("ok {}", s),
        Err(e) => format!("err {}", exc_line(e.value())),
    }
    .replace('\n', "\\n")
}

fn main() {
    // every builtin method and native: the driver calls methods by any name
    pyrt::modules::registry::install_all();
    let stdin = std::io::stdin();
    let mut out: Vec<String> = Vec::new();
    for line in stdin.lock().lines() {
        let line = line.expect("stdin");
        if line == "END" {
            let mut so = std::io::stdout().lock();
            for l in out.drain(..) {
                writeln!(so, "{}", l).unwrap();
            }
            writeln!(so, "END").unwrap();
            so.flush().unwrap();
            continue;
        }
        let mut res = outcome(&line);
        let leaked = pyrt::gc::leaked_by(&mut || drop(outcome(&line)));
        if leaked != 0 {
            res.push_str(&format!(" leak={}", leaked));
        }
        out.push(res);
    }
}
