//! The `json` module: dumps/dump (indent, sort_keys, separators, ensure_ascii) and
//! loads/load with CPython's output format and JSONDecodeError messages.
use crate::object::Layout;
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_items, dict_set, new_dict};
use crate::objects::exceptions::{new_exc, type_error};
use crate::objects::float::{as_float, float_repr};
use crate::objects::int::{as_int, int_to_string};
use crate::objects::list::new_list;
use crate::{builtins::split_kw, call, ops, Obj, PyResult};

/// json.decoder.JSONDecodeError (a ValueError subclass)
pub static JSON_DECODE_ERROR: crate::object::TypeObject = crate::object::TypeObject {
    ob: crate::object::PyObjectHeader {
        refcnt: std::cell::Cell::new(crate::object::IMMORTAL),
        ty: &crate::objects::typeobj::TYPE_TYPE,
    },
    name: "JSONDecodeError",
    base: &crate::objects::exceptions::VALUE_ERROR,
    layout: Layout::Exception,
    methods: std::cell::Cell::new(&[]),
    dict: std::cell::RefCell::new(None),
    mro: std::cell::RefCell::new(Vec::new()),
    heap: false,
    module: "json.decoder",
};

struct Opts {
    indent: Option<String>,
    sort_keys: bool,
    item_sep: String,
    key_sep: String,
    ensure_ascii: bool,
    default: Option<Obj>,
}

fn encode_str(s: &str, ascii: bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if ascii && (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{:04x}", u));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn key_str(k: &Obj) -> PyResult<String> {
    if let Some(s) = k.as_str() {
        return Ok(s.to_string());
    }
    if k.is_bool() {
        return Ok(if k.is_true_obj() { "true" } else { "false" }.into());
    }
    if k.is_none() {
        return Ok("null".into());
    }
    if let Some(i) = as_int(k) {
        return Ok(int_to_string(i));
    }
    if let Some(f) = as_float(k) {
        return Ok(float_repr(f));
    }
    Err(type_error(format!("keys must be str, int, float, bool or None, not {}", k.type_name())))
}

fn encode(v: &Obj, o: &Opts, level: usize, out: &mut String, depth: usize) -> PyResult<()> {
    if depth > 900 {
        return Err(crate::objects::exceptions::new_exc(&crate::objects::exceptions::RECURSION_ERROR, "maximum recursion depth exceeded while encoding a JSON object"));
    }
    if v.is_none() {
        out.push_str("null");
        return Ok(());
    }
    if v.is_bool() {
        out.push_str(if v.is_true_obj() { "true" } else { "false" });
        return Ok(());
    }
    if let Some(i) = as_int(v) {
        out.push_str(&int_to_string(i));
        return Ok(());
    }
    if let Some(f) = as_float(v) {
        out.push_str(&if f.is_nan() {
            "NaN".to_string()
        } else if f.is_infinite() {
            if f > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
        } else {
            float_repr(f)
        });
        return Ok(());
    }
    if let Some(s) = v.as_str() {
        encode_str(s, o.ensure_ascii, out);
        return Ok(());
    }
    let newline = |out: &mut String, lvl: usize| {
        if let Some(ind) = &o.indent {
            out.push('\n');
            for _ in 0..lvl {
                out.push_str(ind);
            }
        }
    };
    match v.layout() {
        Layout::List | Layout::Tuple => {
            let items = ops::collect_iterable(v)?;
            if items.is_empty() {
                out.push_str("[]");
                return Ok(());
            }
            out.push('[');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(&o.item_sep);
                }
                newline(out, level + 1);
                encode(it, o, level + 1, out, depth + 1)?;
            }
            newline(out, level);
            out.push(']');
            Ok(())
        }
        Layout::Dict => {
            let mut items = dict_items(v);
            if items.is_empty() {
                out.push_str("{}");
                return Ok(());
            }
            if o.sort_keys {
                let mut keyed: Vec<(Obj, (Obj, Obj))> = items.into_iter().map(|(k, x)| (k.clone(), (k, x))).collect();
                crate::objects::list::merge_sort(&mut keyed, &mut |a: &(Obj, (Obj, Obj)), b: &(Obj, (Obj, Obj))| ops::lt(&a.0, &b.0))?;
                items = keyed.into_iter().map(|p| p.1).collect();
            }
            out.push('{');
            for (i, (k, x)) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(&o.item_sep);
                }
                newline(out, level + 1);
                encode_str(&key_str(k)?, o.ensure_ascii, out);
                out.push_str(&o.key_sep);
                encode(x, o, level + 1, out, depth + 1)?;
            }
            newline(out, level);
            out.push('}');
            Ok(())
        }
        _ => match &o.default {
            Some(d) => {
                let r = call(d, vec![v.clone()], None)?;
                encode(&r, o, level, out, depth + 1)
            }
            None => Err(type_error(format!("Object of type {} is not JSON serializable", v.type_name()))),
        },
    }
}

fn dumps(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    crate::objects::str::nargs("dumps", pos, 1, 1)?;
    let mut o = Opts { indent: None, sort_keys: false, item_sep: ", ".into(), key_sep: ": ".into(), ensure_ascii: true, default: None };
    let mut seps: Option<Obj> = None;
    for (k, v) in kws {
        match k {
            "indent" if !v.is_none() => {
                o.indent = Some(match v.as_str() {
                    Some(s) => s.to_string(),
                    None => " ".repeat(ops::index_value(v)?.max(0) as usize),
                })
            }
            "sort_keys" => o.sort_keys = ops::is_true(v)?,
            "ensure_ascii" => o.ensure_ascii = ops::is_true(v)?,
            "separators" if !v.is_none() => seps = Some(v.clone()),
            "default" if !v.is_none() => o.default = Some(v.clone()),
            _ => {}
        }
    }
    if o.indent.is_some() {
        o.item_sep = ",".into();
    }
    if let Some(s) = seps {
        let parts = ops::collect_iterable(&s)?;
        if parts.len() == 2 {
            o.item_sep = ops::str_string(&parts[0])?;
            o.key_sep = ops::str_string(&parts[1])?;
        }
    }
    let mut out = String::new();
    encode(&pos[0], &o, 0, &mut out, 0)?;
    Ok(Obj::string(out))
}

// ---------------------------------------------------------------- decoding

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

fn decode_error(msg: &str, text: &str, pos: usize) -> crate::Exc {
    let before = &text.as_bytes()[..pos.min(text.len())];
    let lineno = before.iter().filter(|&&c| c == b'\n').count() + 1;
    let colno = pos - before.iter().rposition(|&c| c == b'\n').map(|p| p + 1).unwrap_or(0) + 1;
    let charpos = text[..pos.min(text.len())].chars().count();
    new_exc(&JSON_DECODE_ERROR, format!("{}: line {} column {} (char {})", msg, lineno, colno, charpos))
}

impl<'a> Parser<'a> {
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }
    fn err(&self, msg: &str) -> crate::Exc {
        decode_error(msg, self.text, self.i)
    }
    fn value(&mut self) -> PyResult {
        self.ws();
        if self.i >= self.s.len() {
            return Err(self.err("Expecting value"));
        }
        match self.s[self.i] {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => Ok(Obj::string(self.string()?)),
            b't' if self.s[self.i..].starts_with(b"true") => {
                self.i += 4;
                Ok(Obj::bool(true))
            }
            b'f' if self.s[self.i..].starts_with(b"false") => {
                self.i += 5;
                Ok(Obj::bool(false))
            }
            b'n' if self.s[self.i..].starts_with(b"null") => {
                self.i += 4;
                Ok(Obj::none())
            }
            b'N' if self.s[self.i..].starts_with(b"NaN") => {
                self.i += 3;
                Ok(Obj::float(f64::NAN))
            }
            b'I' if self.s[self.i..].starts_with(b"Infinity") => {
                self.i += 8;
                Ok(Obj::float(f64::INFINITY))
            }
            b'-' if self.s[self.i..].starts_with(b"-Infinity") => {
                self.i += 9;
                Ok(Obj::float(f64::NEG_INFINITY))
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(self.err("Expecting value")),
        }
    }
    fn number(&mut self) -> PyResult {
        let start = self.i;
        if self.s[self.i] == b'-' {
            self.i += 1;
        }
        let digits_start = self.i;
        while self.i < self.s.len() && self.s[self.i].is_ascii_digit() {
            self.i += 1;
        }
        if self.i == digits_start {
            self.i = start;
            return Err(self.err("Expecting value"));
        }
        let mut is_float = false;
        if self.i < self.s.len() && self.s[self.i] == b'.' && self.i + 1 < self.s.len() && self.s[self.i + 1].is_ascii_digit() {
            is_float = true;
            self.i += 1;
            while self.i < self.s.len() && self.s[self.i].is_ascii_digit() {
                self.i += 1;
            }
        }
        if self.i < self.s.len() && (self.s[self.i] == b'e' || self.s[self.i] == b'E') {
            let save = self.i;
            self.i += 1;
            if self.i < self.s.len() && (self.s[self.i] == b'+' || self.s[self.i] == b'-') {
                self.i += 1;
            }
            let es = self.i;
            while self.i < self.s.len() && self.s[self.i].is_ascii_digit() {
                self.i += 1;
            }
            if self.i == es {
                self.i = save;
            } else {
                is_float = true;
            }
        }
        let t = &self.text[start..self.i];
        if is_float {
            Ok(Obj::float(t.parse::<f64>().unwrap_or(f64::NAN)))
        } else {
            Ok(Obj::int_from_str(t))
        }
    }
    fn string(&mut self) -> PyResult<String> {
        let start = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            if self.i >= self.s.len() {
                return Err(decode_error("Unterminated string starting at", self.text, start));
            }
            let c = self.s[self.i];
            match c {
                b'"' => {
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.i += 1;
                    let e = *self.s.get(self.i).ok_or_else(|| decode_error("Unterminated string starting at", self.text, start))?;
                    self.i += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\x08'),
                        b'f' => out.push('\x0c'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hex = |p: &Self, at: usize| -> PyResult<u32> {
                                p.text.get(at..at + 4).and_then(|h| u32::from_str_radix(h, 16).ok()).ok_or_else(|| decode_error("Invalid \\uXXXX escape", p.text, at - 1))
                            };
                            let mut u = hex(self, self.i)?;
                            self.i += 4;
                            if (0xd800..0xdc00).contains(&u) && self.s[self.i..].starts_with(b"\\u") {
                                let lo = hex(self, self.i + 2)?;
                                if (0xdc00..0xe000).contains(&lo) {
                                    u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                                    self.i += 6;
                                }
                            }
                            out.push(std::char::from_u32(u).unwrap_or('\u{fffd}'));
                        }
                        _ => return Err(decode_error("Invalid \\escape", self.text, self.i - 2)),
                    }
                }
                c if c < 0x20 => return Err(self.err("Invalid control character at")),
                _ => {
                    let ch = self.text[self.i..].chars().next().unwrap();
                    out.push(ch);
                    self.i += ch.len_utf8();
                }
            }
        }
    }
    fn array(&mut self) -> PyResult {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.i < self.s.len() && self.s[self.i] == b']' {
            self.i += 1;
            return Ok(new_list(items));
        }
        loop {
            items.push(self.value()?);
            self.ws();
            match self.s.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(new_list(items));
                }
                _ => return Err(self.err("Expecting ',' delimiter")),
            }
        }
    }
    fn object(&mut self) -> PyResult {
        self.i += 1;
        let d = new_dict();
        self.ws();
        if self.i < self.s.len() && self.s[self.i] == b'}' {
            self.i += 1;
            return Ok(d);
        }
        loop {
            self.ws();
            if self.s.get(self.i) != Some(&b'"') {
                return Err(self.err("Expecting property name enclosed in double quotes"));
            }
            let k = self.string()?;
            self.ws();
            if self.s.get(self.i) != Some(&b':') {
                return Err(self.err("Expecting ':' delimiter"));
            }
            self.i += 1;
            let v = self.value()?;
            dict_set(&d, Obj::string(k), v)?;
            self.ws();
            match self.s.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(d);
                }
                _ => return Err(self.err("Expecting ',' delimiter")),
            }
        }
    }
}

fn loads(a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("loads", a, 1, 1)?;
    let owned;
    let text: &str = match a[0].as_str() {
        Some(s) => s,
        None => match crate::objects::bytes::as_bytes(&a[0]) {
            Some(b) => {
                owned = String::from_utf8_lossy(b).into_owned();
                &owned
            }
            None => return Err(type_error(format!("the JSON object must be str, bytes or bytearray, not {}", a[0].type_name()))),
        },
    };
    let mut p = Parser { s: text.as_bytes(), text, i: 0 };
    let v = p.value()?;
    p.ws();
    if p.i != p.s.len() {
        return Err(p.err("Extra data"));
    }
    Ok(v)
}

fn dump(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, _) = split_kw(a, kw);
    crate::objects::str::nargs("dump", pos, 2, 2)?;
    let mut args = vec![pos[0].clone()];
    let nk = kw.map(crate::objects::tuple::tuple_len).unwrap_or(0);
    args.extend_from_slice(&a[a.len() - nk..]);
    let s = dumps(&args, kw)?;
    ops::call_method(&pos[1], "write", vec![s], None)?;
    Ok(Obj::none())
}
fn load(a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("load", a, 1, 1)?;
    let s = ops::call_method(&a[0], "read", vec![], None)?;
    loads(&[s], None)
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("json"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[("dumps", dumps), ("loads", loads), ("dump", dump), ("load", load)];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    dict_set(&d, Obj::str("JSONDecodeError"), JSON_DECODE_ERROR.obj())?;
    Ok(crate::objects::module::new_module("json", d))
}
