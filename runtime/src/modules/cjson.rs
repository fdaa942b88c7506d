//! `_json` (CPython's Modules/_json.c): the accelerators Lib/json uses when they exist —
//! `scanstring`, `encode_basestring(_ascii)`, `make_scanner` (the whole recursive descent of
//! one `scan_once` call) and `make_encoder` (the one-shot encoder without indent), with the C
//! module's messages and error positions. Positions are in characters, as in CPython; the
//! scanner works on byte offsets of the UTF-8 text and converts at its edges.
use crate::object::{Layout, MethodFn, Obj};
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_delitem, dict_get, dict_items, dict_set, new_dict};
use crate::objects::exceptions::{new_exc_obj, type_error, value_error};
use crate::objects::float::{as_float, float_repr};
use crate::objects::int::{as_int, int_to_string};
use crate::objects::list::new_list;
use crate::objects::native::{self, new_native, unpack, NativeData};
use crate::{call, ops, Exc, PyResult};

crate::native_type!(SCANNER_TYPE, "_json", "_json.Scanner", SCANNER_METHODS);
crate::native_type!(ENCODER_TYPE, "_json", "_json.Encoder", ENCODER_METHODS);

fn newer_messages() -> bool {
    crate::modules::sys::python_minor() >= 13
}

fn char_index(s: &str, byte: usize) -> usize {
    if s.is_ascii() {
        byte
    } else {
        s[..byte].chars().count()
    }
}

fn byte_offset(o: &Obj, idx: usize) -> usize {
    crate::objects::str::char_offset(crate::objects::str::str_obj(o).unwrap(), idx)
}

/// `json.decoder.JSONDecodeError(msg, doc, pos)`, raised.
fn decode_error(msg: &str, doc: &Obj, s: &str, byte: usize) -> Exc {
    let cls = match crate::modules::importer::find_and_load("json.decoder").and_then(|m| ops::getattr_str(&m, "JSONDecodeError")) {
        Ok(c) => c,
        Err(e) => return e,
    };
    match call(&cls, vec![Obj::str(msg), doc.clone(), Obj::int(char_index(s, byte) as i64)], None) {
        Ok(v) => Exc::from_value(v),
        Err(e) => e,
    }
}

fn stop_at(s: &str, byte: usize) -> Exc {
    Exc::from_value(new_exc_obj(&crate::objects::exceptions::STOP_ITERATION, vec![Obj::int(char_index(s, byte) as i64)]))
}

fn first_arg_str<'a>(o: &'a Obj) -> PyResult<&'a str> {
    o.as_str().ok_or_else(|| type_error(format!("first argument must be a string, not {}", o.type_name())))
}

// ---------------------------------------------------------------- strings

fn hex4(b: &[u8], at: usize) -> Option<u32> {
    let digits = b.get(at..at + 4)?;
    let mut v = 0u32;
    for d in digits {
        v = v * 16 + (*d as char).to_digit(16)?;
    }
    Some(v)
}

/// Scans the string body starting at byte `end` (after the opening quote): the text and the
/// byte offset after the closing quote.
fn scan_string(doc: &Obj, s: &str, end: usize, strict: bool) -> PyResult<(Obj, usize)> {
    let b = s.as_bytes();
    let begin = end - 1;
    let mut out = String::new();
    let mut i = end;
    loop {
        let start = i;
        while i < b.len() && b[i] != b'"' && b[i] != b'\\' && !(strict && b[i] < 0x20) {
            i += 1;
        }
        out.push_str(&s[start..i]);
        if i >= b.len() {
            return Err(decode_error("Unterminated string starting at", doc, s, begin));
        }
        match b[i] {
            b'"' => return Ok((Obj::string(out), i + 1)),
            b'\\' => {}
            _ => return Err(decode_error("Invalid control character at", doc, s, i)),
        }
        let esc = i;
        i += 1;
        if i >= b.len() {
            return Err(decode_error("Unterminated string starting at", doc, s, begin));
        }
        if b[i] != b'u' {
            out.push(match b[i] {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\x08',
                b'f' => '\x0c',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                _ => return Err(decode_error("Invalid \\escape", doc, s, esc)),
            });
            i += 1;
            continue;
        }
        // \uXXXX: CPython wants the four digits and at least one more character
        if i + 5 >= b.len() {
            return Err(decode_error("Invalid \\uXXXX escape", doc, s, i));
        }
        let mut c = match hex4(b, i + 1) {
            Some(v) => v,
            None => return Err(decode_error("Invalid \\uXXXX escape", doc, s, i)),
        };
        i += 5;
        if (0xD800..0xDC00).contains(&c) && i + 6 < b.len() && b[i] == b'\\' && b[i + 1] == b'u' {
            let low = match hex4(b, i + 2) {
                Some(v) => v,
                None => return Err(decode_error("Invalid \\uXXXX escape", doc, s, i + 1)),
            };
            if (0xDC00..0xE000).contains(&low) {
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                i += 6;
            }
        }
        // a lone surrogate has no UTF-8 form: the runtime's strings hold U+FFFD instead
        out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
    }
}

fn scanstring(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack("scanstring", a, kw, &["string", "end", "strict"], 2, 3, 3)?;
    let doc = v[0].clone().unwrap();
    let s = first_arg_str(&doc)?;
    let end = ops::index_value(v[1].as_ref().unwrap())?;
    let strict = match &v[2] {
        Some(x) => ops::is_true(x)?,
        None => true,
    };
    let nchars = crate::objects::str::str_obj(&doc).unwrap().nchars as i64;
    if end < 0 || end > nchars {
        return Err(value_error("end is out of bounds"));
    }
    let (text, next) = scan_string(&doc, s, byte_offset(&doc, end as usize), strict)?;
    Ok(Obj::tuple2(text, Obj::int(char_index(s, next) as i64)))
}

fn push_u_escape(out: &mut String, u: u32) {
    out.push_str(&format!("\\u{:04x}", u));
}

/// The JSON text of a string: `ascii` escapes everything outside printable ASCII.
fn quote(s: &str, ascii: bool, out: &mut String) {
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
            c if (c as u32) < 0x20 => push_u_escape(out, c as u32),
            c if ascii && (c as u32) >= 0x7f => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    push_u_escape(out, *u as u32);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn encode_with(a: &[Obj], kw: Option<&Obj>, name: &str, ascii: bool) -> PyResult {
    crate::objects::str::no_kw(name, kw)?;
    crate::objects::str::nargs(name, a, 1, 1)?;
    let s = first_arg_str(&a[0])?;
    let mut out = String::with_capacity(s.len() + 2);
    quote(s, ascii, &mut out);
    Ok(Obj::string(out))
}

fn encode_basestring_ascii(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    encode_with(a, kw, "encode_basestring_ascii", true)
}

fn encode_basestring(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    encode_with(a, kw, "encode_basestring", false)
}

// ---------------------------------------------------------------- the scanner

struct Scanner {
    strict: bool,
    object_hook: Obj,
    object_pairs_hook: Obj,
    parse_float: Obj,
    parse_int: Obj,
    parse_constant: Obj,
}

impl NativeData for Scanner {
    fn traverse(&self, v: &mut dyn FnMut(&Obj)) -> bool {
        for o in [&self.object_hook, &self.object_pairs_hook, &self.parse_float, &self.parse_int, &self.parse_constant] {
            v(o);
        }
        true
    }
    fn getattr(&self, _this: &Obj, name: &str) -> Option<PyResult> {
        Some(Ok(match name {
            "strict" => Obj::bool(self.strict),
            "object_hook" => self.object_hook.clone(),
            "object_pairs_hook" => self.object_pairs_hook.clone(),
            "parse_float" => self.parse_float.clone(),
            "parse_int" => self.parse_int.clone(),
            "parse_constant" => self.parse_constant.clone(),
            _ => return None,
        }))
    }
}

fn scanner_new(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let t = native::new_type(this)?;
    let v = unpack("make_scanner", a, kw, &["context"], 1, 1, 1)?;
    let ctx = v[0].clone().unwrap();
    let get = |n: &str| ops::getattr_str(&ctx, n);
    let strict = ops::is_true(&get("strict")?)?;
    Ok(new_native(
        t,
        Scanner {
            strict,
            object_hook: get("object_hook")?,
            object_pairs_hook: get("object_pairs_hook")?,
            parse_float: get("parse_float")?,
            parse_int: get("parse_int")?,
            parse_constant: get("parse_constant")?,
        },
    ))
}

struct Scan<'a> {
    sc: &'a Scanner,
    doc: &'a Obj,
    s: &'a str,
    b: &'a [u8],
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

impl<'a> Scan<'a> {
    fn err(&self, msg: &str, at: usize) -> Exc {
        decode_error(msg, self.doc, self.s, at)
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    fn starts(&self, i: usize, word: &str) -> bool {
        self.b.get(i..i + word.len()) == Some(word.as_bytes())
    }

    fn constant(&self, name: &str, i: usize) -> PyResult<(Obj, usize)> {
        Ok((call(&self.sc.parse_constant, vec![Obj::str(name)], None)?, i + name.len()))
    }

    /// One JSON value at byte `i`: the value and the byte after it; StopIteration(i) when
    /// nothing there starts a value.
    fn value(&self, i: usize) -> PyResult<(Obj, usize)> {
        let c = match self.at(i) {
            Some(c) => c,
            None => return Err(stop_at(self.s, i)),
        };
        match c {
            b'"' => scan_string(self.doc, self.s, i + 1, self.sc.strict),
            b'{' => crate::objects::function::with_recursion(" while decoding a JSON object from a unicode string", || self.object(i + 1)),
            b'[' => crate::objects::function::with_recursion(" while decoding a JSON array from a unicode string", || self.array(i + 1)),
            b'n' if self.starts(i, "null") => Ok((Obj::none(), i + 4)),
            b't' if self.starts(i, "true") => Ok((Obj::bool(true), i + 4)),
            b'f' if self.starts(i, "false") => Ok((Obj::bool(false), i + 5)),
            b'N' if self.starts(i, "NaN") => self.constant("NaN", i),
            b'I' if self.starts(i, "Infinity") => self.constant("Infinity", i),
            b'-' if self.starts(i, "-Infinity") => self.constant("-Infinity", i),
            _ => self.number(i),
        }
    }

    fn number(&self, start: usize) -> PyResult<(Obj, usize)> {
        let b = self.b;
        let digit = |i: usize| b.get(i).map_or(false, |c| c.is_ascii_digit());
        let mut i = start;
        if self.at(i) == Some(b'-') {
            i += 1;
        }
        match self.at(i) {
            Some(b'1'..=b'9') => {
                i += 1;
                while digit(i) {
                    i += 1;
                }
            }
            Some(b'0') => i += 1,
            _ => return Err(stop_at(self.s, start)),
        }
        let mut is_float = false;
        if self.at(i) == Some(b'.') && digit(i + 1) {
            is_float = true;
            i += 2;
            while digit(i) {
                i += 1;
            }
        }
        if matches!(self.at(i), Some(b'e') | Some(b'E')) {
            let e_start = i;
            i += 1;
            if matches!(self.at(i), Some(b'-') | Some(b'+')) {
                i += 1;
            }
            let digits_from = i;
            while digit(i) {
                i += 1;
            }
            if i > digits_from {
                is_float = true;
            } else {
                i = e_start;
            }
        }
        let text = &self.s[start..i];
        let v = if is_float {
            if self.sc.parse_float.is(&crate::objects::float::FLOAT_TYPE.obj()) {
                Obj::float(text.parse::<f64>().unwrap_or(f64::NAN))
            } else {
                call(&self.sc.parse_float, vec![Obj::str(text)], None)?
            }
        } else if self.sc.parse_int.is(&crate::objects::int::INT_TYPE.obj()) {
            Obj::int_from_str(text)
        } else {
            call(&self.sc.parse_int, vec![Obj::str(text)], None)?
        };
        Ok((v, i))
    }

    /// After an item of an object or array (`close` is its closing bracket): the closing
    /// bracket's offset and true, else the offset after the comma and its whitespace and false.
    fn after_item(&self, next: usize, close: u8, what: &str) -> PyResult<(usize, bool)> {
        let i = skip_ws(self.b, next);
        if self.at(i) == Some(close) {
            return Ok((i, true));
        }
        if self.at(i) != Some(b',') {
            return Err(self.err("Expecting ',' delimiter", i));
        }
        let after = skip_ws(self.b, i + 1);
        if newer_messages() && self.at(after) == Some(close) {
            return Err(self.err(&format!("Illegal trailing comma before end of {}", what), i));
        }
        Ok((after, false))
    }

    fn object(&self, mut i: usize) -> PyResult<(Obj, usize)> {
        let pairs = !self.sc.object_pairs_hook.is_none();
        let mut items: Vec<Obj> = Vec::new();
        let d = new_dict();
        i = skip_ws(self.b, i);
        if self.at(i) != Some(b'}') {
            loop {
                if self.at(i) != Some(b'"') {
                    return Err(self.err("Expecting property name enclosed in double quotes", i));
                }
                let (key, next) = scan_string(self.doc, self.s, i + 1, self.sc.strict)?;
                i = skip_ws(self.b, next);
                if self.at(i) != Some(b':') {
                    return Err(self.err("Expecting ':' delimiter", i));
                }
                i = skip_ws(self.b, i + 1);
                let (val, next) = self.value(i)?;
                if pairs {
                    items.push(Obj::tuple2(key, val));
                } else {
                    dict_set(&d, key, val)?;
                }
                let (at, closed) = self.after_item(next, b'}', "object")?;
                i = at;
                if closed {
                    break;
                }
            }
        }
        let end = i + 1;
        if pairs {
            return Ok((call(&self.sc.object_pairs_hook, vec![new_list(items)], None)?, end));
        }
        if !self.sc.object_hook.is_none() {
            return Ok((call(&self.sc.object_hook, vec![d], None)?, end));
        }
        Ok((d, end))
    }

    fn array(&self, mut i: usize) -> PyResult<(Obj, usize)> {
        let mut items = Vec::new();
        i = skip_ws(self.b, i);
        if self.at(i) != Some(b']') {
            loop {
                let (val, next) = self.value(i)?;
                items.push(val);
                let (at, closed) = self.after_item(next, b']', "array")?;
                i = at;
                if closed {
                    break;
                }
            }
        }
        Ok((new_list(items), i + 1))
    }
}

fn scanner_call(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let sc = native::expect::<Scanner>(this, "_json.Scanner")?;
    let v = unpack("scan_once", a, kw, &["string", "idx"], 2, 2, 0)?;
    let doc = v[0].clone().unwrap();
    let s = first_arg_str(&doc)?;
    let idx = ops::index_value(v[1].as_ref().unwrap())?;
    if idx < 0 {
        return Err(value_error("idx cannot be negative"));
    }
    let nchars = crate::objects::str::str_obj(&doc).unwrap().nchars as i64;
    if idx >= nchars {
        return Err(Exc::from_value(new_exc_obj(&crate::objects::exceptions::STOP_ITERATION, vec![Obj::int(idx)])));
    }
    let scan = Scan { sc, doc: &doc, s, b: s.as_bytes() };
    let (val, end) = scan.value(byte_offset(&doc, idx as usize))?;
    Ok(Obj::tuple2(val, Obj::int(char_index(s, end) as i64)))
}

static SCANNER_METHODS: &[(&str, MethodFn)] = &[("__new__", scanner_new), ("__call__", scanner_call)];

// ---------------------------------------------------------------- the encoder

struct Encoder {
    markers: Obj,
    default: Obj,
    encoder: Obj,
    indent: Obj,
    key_separator: Obj,
    item_separator: Obj,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
    /// the encoder is one of this module's functions: (quote directly, ascii?)
    fast: Option<bool>,
}

impl NativeData for Encoder {
    fn traverse(&self, v: &mut dyn FnMut(&Obj)) -> bool {
        for o in [&self.markers, &self.default, &self.encoder, &self.indent, &self.key_separator, &self.item_separator] {
            v(o);
        }
        true
    }
    fn getattr(&self, _this: &Obj, name: &str) -> Option<PyResult> {
        Some(Ok(match name {
            "markers" => self.markers.clone(),
            "default" => self.default.clone(),
            "encoder" => self.encoder.clone(),
            "indent" => self.indent.clone(),
            "key_separator" => self.key_separator.clone(),
            "item_separator" => self.item_separator.clone(),
            "sort_keys" => Obj::bool(self.sort_keys),
            "skipkeys" => Obj::bool(self.skipkeys),
            _ => return None,
        }))
    }
}

/// Whether `o` is this module's encode_basestring_ascii (Some(true)) or encode_basestring,
/// by name (function addresses are not unique across codegen units; no other builtin
/// function has these names).
fn own_quoting(o: &Obj) -> Option<bool> {
    let b = o.payload::<crate::objects::builtin_fn::BuiltinObj>(Layout::Builtin)?;
    match b.name {
        "encode_basestring_ascii" => Some(true),
        "encode_basestring" => Some(false),
        _ => None,
    }
}

fn encoder_new(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let t = native::new_type(this)?;
    let names = ["markers", "default", "encoder", "indent", "key_separator", "item_separator", "sort_keys", "skipkeys", "allow_nan"];
    let v = unpack("make_encoder", a, kw, &names, 9, 9, 9)?;
    let arg = |i: usize| v[i].clone().unwrap();
    let markers = arg(0);
    if !markers.is_none() && markers.layout() != Layout::Dict {
        return Err(type_error(format!("make_encoder() argument 1 must be dict or None, not {}", markers.type_name())));
    }
    for (i, n) in [(4usize, 5usize), (5, 6)] {
        if arg(i).as_str().is_none() {
            return Err(type_error(format!("make_encoder() argument {} must be str, not {}", n, arg(i).type_name())));
        }
    }
    let encoder = arg(2);
    let fast = own_quoting(&encoder);
    Ok(new_native(
        t,
        Encoder {
            markers,
            default: arg(1),
            encoder,
            indent: arg(3),
            key_separator: arg(4),
            item_separator: arg(5),
            sort_keys: ops::is_true(&arg(6))?,
            skipkeys: ops::is_true(&arg(7))?,
            allow_nan: ops::is_true(&arg(8))?,
            fast,
        },
    ))
}

impl Encoder {
    fn string(&self, s: &Obj, out: &mut String) -> PyResult<()> {
        if let Some(ascii) = self.fast {
            quote(s.as_str().unwrap(), ascii, out);
            return Ok(());
        }
        let r = call(&self.encoder, vec![s.clone()], None)?;
        match r.as_str() {
            Some(t) => out.push_str(t),
            None => return Err(type_error(format!("encoder() must return a string, not {}", r.type_name()))),
        }
        Ok(())
    }

    fn float(&self, o: &Obj, f: f64) -> PyResult<String> {
        if f.is_finite() {
            return Ok(float_repr(f));
        }
        if !self.allow_nan {
            let msg = if newer_messages() {
                format!("Out of range float values are not JSON compliant: {}", ops::repr_string(o)?)
            } else {
                "Out of range float values are not JSON compliant".to_string()
            };
            return Err(value_error(msg));
        }
        Ok(if f.is_nan() { "NaN" } else if f > 0.0 { "Infinity" } else { "-Infinity" }.to_string())
    }

    /// Enters `o` in the circular-reference markers; the key to leave with.
    fn mark(&self, o: &Obj) -> PyResult<Option<Obj>> {
        if self.markers.is_none() {
            return Ok(None);
        }
        let ident = Obj::int(o.addr() as i64);
        if dict_get(&self.markers, &ident)?.is_some() {
            return Err(value_error("Circular reference detected"));
        }
        dict_set(&self.markers, ident.clone(), o.clone())?;
        Ok(Some(ident))
    }

    fn unmark(&self, ident: Option<Obj>) -> PyResult<()> {
        match ident {
            Some(k) => dict_delitem(&self.markers, &k),
            None => Ok(()),
        }
    }

    fn value(&self, o: &Obj, out: &mut String) -> PyResult<()> {
        if o.is_none() {
            out.push_str("null");
        } else if o.is_bool() {
            out.push_str(if o.is_true_obj() { "true" } else { "false" });
        } else if o.as_str().is_some() {
            self.string(o, out)?;
        } else if let Some(i) = as_int(o) {
            out.push_str(&int_to_string(i));
        } else if let Some(f) = as_float(o) {
            out.push_str(&self.float(o, f)?);
        } else if matches!(o.layout(), Layout::List | Layout::Tuple) {
            crate::objects::function::with_recursion(" while encoding a JSON object", || self.list(o, out))?;
        } else if o.layout() == Layout::Dict {
            crate::objects::function::with_recursion(" while encoding a JSON object", || self.dict(o, out))?;
        } else {
            let ident = self.mark(o)?;
            let new = call(&self.default, vec![o.clone()], None)?;
            crate::objects::function::with_recursion(" while encoding a JSON object", || self.value(&new, out))?;
            self.unmark(ident)?;
        }
        Ok(())
    }

    fn list(&self, o: &Obj, out: &mut String) -> PyResult<()> {
        let items = ops::collect_iterable(o)?;
        if items.is_empty() {
            out.push_str("[]");
            return Ok(());
        }
        let ident = self.mark(o)?;
        out.push('[');
        for (n, v) in items.iter().enumerate() {
            if n > 0 {
                out.push_str(self.item_separator.as_str().unwrap());
            }
            self.value(v, out)?;
        }
        out.push(']');
        self.unmark(ident)
    }

    fn key(&self, k: &Obj) -> PyResult<Option<Obj>> {
        Ok(Some(if k.as_str().is_some() {
            k.clone()
        } else if let Some(f) = as_float(k) {
            Obj::string(self.float(k, f)?)
        } else if k.is_bool() {
            Obj::str(if k.is_true_obj() { "true" } else { "false" })
        } else if k.is_none() {
            Obj::str("null")
        } else if let Some(i) = as_int(k) {
            Obj::string(int_to_string(i))
        } else if self.skipkeys {
            return Ok(None);
        } else {
            return Err(type_error(format!("keys must be str, int, float, bool or None, not {}", k.type_name())));
        }))
    }

    fn dict(&self, o: &Obj, out: &mut String) -> PyResult<()> {
        if ops::len(o)? == 0 {
            out.push_str("{}");
            return Ok(());
        }
        let ident = self.mark(o)?;
        let mut items: Vec<Obj> = if o.ty().heap {
            ops::collect_iterable(&ops::call_method(o, "items", vec![], None)?)?
        } else {
            dict_items(o).into_iter().map(|(k, v)| Obj::tuple2(k, v)).collect()
        };
        if self.sort_keys {
            let l = new_list(std::mem::take(&mut items));
            ops::call_method(&l, "sort", vec![], None)?;
            items = ops::collect_iterable(&l)?;
        }
        out.push('{');
        let mut first = true;
        for item in &items {
            let kv = ops::collect_iterable(item)?;
            if kv.len() != 2 {
                return Err(value_error("items must return 2-tuples"));
            }
            let key = match self.key(&kv[0])? {
                Some(k) => k,
                None => continue,
            };
            if !first {
                out.push_str(self.item_separator.as_str().unwrap());
            }
            first = false;
            self.string(&key, out)?;
            out.push_str(self.key_separator.as_str().unwrap());
            self.value(&kv[1], out)?;
        }
        out.push('}');
        self.unmark(ident)
    }
}

fn encoder_call(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let enc = native::expect::<Encoder>(this, "_json.Encoder")?;
    let v = unpack("_iterencode", a, kw, &["obj", "_current_indent_level"], 2, 2, 0)?;
    ops::index_value(v[1].as_ref().unwrap())?;
    let mut out = String::new();
    enc.value(v[0].as_ref().unwrap(), &mut out)?;
    Ok(Obj::tuple(vec![Obj::string(out)]))
}

static ENCODER_METHODS: &[(&str, MethodFn)] = &[("__new__", encoder_new), ("__call__", encoder_call)];

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_json"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("scanstring", scanstring),
        ("encode_basestring_ascii", encode_basestring_ascii),
        ("encode_basestring", encode_basestring),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    dict_set(&d, Obj::str("make_scanner"), SCANNER_TYPE.obj())?;
    dict_set(&d, Obj::str("make_encoder"), ENCODER_TYPE.obj())?;
    Ok(crate::objects::module::new_module("_json", d))
}
