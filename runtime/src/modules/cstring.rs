//! `_string` (CPython's Objects/stringlib/unicode_format.h): formatter_parser and
//! formatter_field_name_split, used by string.Formatter. Errors are raised lazily, while
//! iterating, as CPython's iterators do.
use crate::object::Obj;
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{type_error, value_error, Exc};
use crate::objects::iter::dyn_iter;
use crate::objects::native::posonly;
use crate::PyResult;

crate::static_type!(FORMATTER_ITER_TYPE, "formatteriterator", &crate::objects::typeobj::OBJECT_TYPE, DynIter, &[]);
crate::static_type!(FIELDNAME_ITER_TYPE, "fieldnameiterator", &crate::objects::typeobj::OBJECT_TYPE, DynIter, &[]);

fn s(c: &[char]) -> Obj {
    Obj::string(c.iter().collect())
}

/// One step of MarkupIterator_next: (literal, Some((field, spec, conversion))) or a literal only.
fn markup_next(st: &[char], pos: &mut usize) -> Result<Option<Obj>, Exc> {
    let end = st.len();
    if *pos >= end {
        return Ok(None);
    }
    let start = *pos;
    let mut c = '\0';
    let mut markup = false;
    while *pos < end {
        c = st[*pos];
        *pos += 1;
        if c == '{' || c == '}' {
            markup = true;
            break;
        }
    }
    let at_end = *pos >= end;
    let mut len = *pos - start;
    if c == '}' && markup && (at_end || st[*pos] != c) {
        return Err(value_error("Single '}' encountered in format string"));
    }
    if at_end && c == '{' && markup {
        return Err(value_error("Single '{' encountered in format string"));
    }
    if !at_end && markup {
        if st[*pos] == c {
            *pos += 1;
            markup = false;
        } else {
            len -= 1;
        }
    }
    let literal = s(&st[start..start + len]);
    if !markup {
        return Ok(Some(Obj::tuple(vec![literal, Obj::none(), Obj::none(), Obj::none()])));
    }
    let (field, spec, conv) = parse_field(st, pos)?;
    Ok(Some(Obj::tuple(vec![literal, field, spec, conv])))
}

fn parse_field(st: &[char], pos: &mut usize) -> Result<(Obj, Obj, Obj), Exc> {
    let end = st.len();
    let fstart = *pos;
    let mut c = '\0';
    while *pos < end {
        c = st[*pos];
        *pos += 1;
        match c {
            '{' => return Err(value_error("unexpected '{' in field name")),
            '[' => {
                while *pos < end && st[*pos] != ']' {
                    *pos += 1;
                }
                continue;
            }
            '}' | ':' | '!' => break,
            _ => continue,
        }
    }
    let fname = s(&st[fstart..(*pos).saturating_sub(1).max(fstart)]);
    let mut conv = Obj::none();
    if c == '!' || c == ':' {
        if c == '!' {
            if *pos >= end {
                return Err(value_error("end of string while looking for conversion specifier"));
            }
            conv = Obj::string(st[*pos].to_string());
            *pos += 1;
            if *pos < end {
                let c2 = st[*pos];
                *pos += 1;
                if c2 == '}' {
                    return Ok((fname, Obj::str(""), conv));
                }
                if c2 != ':' {
                    return Err(value_error("expected ':' after conversion specifier"));
                }
            }
        }
        let sstart = *pos;
        let mut count = 1;
        while *pos < end {
            let c2 = st[*pos];
            *pos += 1;
            if c2 == '{' {
                count += 1;
            } else if c2 == '}' {
                count -= 1;
                if count == 0 {
                    return Ok((fname, s(&st[sstart..*pos - 1]), conv));
                }
            }
        }
        return Err(value_error("unmatched '{' in format spec"));
    } else if c != '}' || *pos > end {
        return Err(value_error("expected '}' before end of string"));
    }
    Ok((fname, Obj::str(""), conv))
}

fn formatter_parser(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("formatter_parser", a, kw, 1, 1)?;
    let text: Vec<char> = match a[0].as_str() {
        Some(t) => t.chars().collect(),
        None => return Err(type_error(format!("expected str, got {}", a[0].type_name()))),
    };
    let mut pos = 0usize;
    let mut failed = false;
    Ok(dyn_iter(
        &FORMATTER_ITER_TYPE,
        Box::new(move || {
            if failed {
                return Ok(None);
            }
            markup_next(&text, &mut pos).map_err(|e| {
                failed = true;
                e
            })
        }),
    ))
}

/// All digits: the integer (None otherwise); "Too many decimal digits" on overflow.
fn get_integer(c: &[char]) -> PyResult<Option<i64>> {
    if c.is_empty() || !c.iter().all(|d| d.is_ascii_digit()) {
        return Ok(None);
    }
    let mut v: i64 = 0;
    for d in c {
        v = v
            .checked_mul(10)
            .and_then(|x| x.checked_add(d.to_digit(10).unwrap() as i64))
            .ok_or_else(|| value_error("Too many decimal digits in format string"))?;
    }
    Ok(Some(v))
}

fn field_next(st: &[char], pos: &mut usize) -> PyResult<Option<Obj>> {
    let end = st.len();
    if *pos >= end {
        return Ok(None);
    }
    let c = st[*pos];
    *pos += 1;
    let (is_attr, name) = match c {
        '.' => {
            let start = *pos;
            while *pos < end && st[*pos] != '.' && st[*pos] != '[' {
                *pos += 1;
            }
            (true, &st[start..*pos])
        }
        '[' => {
            let start = *pos;
            while *pos < end && st[*pos] != ']' {
                *pos += 1;
            }
            if *pos >= end {
                return Err(value_error("Missing ']' in format string"));
            }
            let n = &st[start..*pos];
            *pos += 1;
            if *pos < end && st[*pos] != '.' && st[*pos] != '[' {
                return Err(value_error("Only '.' or '[' may follow ']' in format field specifier"));
            }
            (false, n)
        }
        _ => return Err(value_error("Only '.' or '[' may follow ']' in format field specifier")),
    };
    if name.is_empty() {
        return Err(value_error("Empty attribute in format string"));
    }
    let key = match get_integer(name)? {
        Some(i) if !is_attr => Obj::int(i),
        _ => s(name),
    };
    Ok(Some(Obj::tuple2(Obj::bool(is_attr), key)))
}

fn formatter_field_name_split(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("formatter_field_name_split", a, kw, 1, 1)?;
    let text: Vec<char> = match a[0].as_str() {
        Some(t) => t.chars().collect(),
        None => return Err(type_error(format!("expected str, got {}", a[0].type_name()))),
    };
    let cut = text.iter().position(|&c| c == '.' || c == '[').unwrap_or(text.len());
    let first = match get_integer(&text[..cut])? {
        Some(i) => Obj::int(i),
        None => s(&text[..cut]),
    };
    let mut pos = cut;
    let mut failed = false;
    let it = dyn_iter(
        &FIELDNAME_ITER_TYPE,
        Box::new(move || {
            if failed {
                return Ok(None);
            }
            field_next(&text, &mut pos).map_err(|e| {
                failed = true;
                e
            })
        }),
    );
    Ok(Obj::tuple2(first, it))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_string"))?;
    let fns: &[(&'static str, BuiltinFn)] =
        &[("formatter_parser", formatter_parser), ("formatter_field_name_split", formatter_field_name_split)];
    for (n, g) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *g))?;
    }
    Ok(crate::objects::module::new_module("_string", d))
}
