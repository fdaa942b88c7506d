//! `_locale` in the C locale (what a WASI module has; LC_CTYPE is C.UTF-8 as CPython 3.11
//! coerces it): setlocale (queries answer "C", setting "", "C", "POSIX", "C.UTF-8" works,
//! other locales raise locale.Error "unsupported locale setting"), localeconv, getencoding,
//! nl_langinfo for the C locale's values, strcoll/strxfrm (code point order), LC_* constants.
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{type_error, value_error};
use crate::objects::str::nargs;
use crate::{ops, Obj, PyResult};
use std::cell::RefCell;

const CATEGORIES: &[(&str, i64)] =
    &[("LC_CTYPE", 0), ("LC_NUMERIC", 1), ("LC_TIME", 2), ("LC_COLLATE", 3), ("LC_MONETARY", 4), ("LC_MESSAGES", 5), ("LC_ALL", 6)];
const OTHER: &[&str] = &["LC_PAPER", "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION"];

thread_local! {
    // per category 0..=5
    static CURRENT: RefCell<Vec<String>> = RefCell::new(vec!["C.UTF-8".into(), "C".into(), "C".into(), "C".into(), "C".into(), "C".into()]);
    static ERROR: RefCell<Option<Obj>> = RefCell::new(None);
}

fn error_class() -> PyResult {
    if let Some(e) = ERROR.with(|e| e.borrow().clone()) {
        return Ok(e);
    }
    let ns = new_dict();
    dict_set(&ns, Obj::str("__module__"), Obj::str("locale"))?;
    let cls = crate::objects::typeobj::new_class("Error", vec![crate::objects::exc_types::EXCEPTION.obj()], ns, "locale")?;
    ERROR.with(|e| *e.borrow_mut() = Some(cls.clone()));
    Ok(cls)
}

fn all_string(cur: &[String]) -> String {
    if cur.iter().all(|c| *c == cur[0]) {
        return cur[0].clone();
    }
    let mut parts = vec![format!("LC_CTYPE={}", cur[0])];
    for (i, n) in ["LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY", "LC_MESSAGES"].iter().enumerate() {
        parts.push(format!("{}={}", n, cur[i + 1]));
    }
    for n in OTHER {
        parts.push(format!("{}=C", n));
    }
    parts.join(";")
}

fn setlocale(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("setlocale", a, 1, 2)?;
    let cat = ops::index_value(&a[0])?;
    if !(0..=6).contains(&cat) {
        return Err(crate::objects::exceptions::Exc::from_value(crate::call(&error_class()?, vec![Obj::str("invalid locale category")], None)?));
    }
    let want = match a.get(1).filter(|x| !x.is_none()) {
        None => None,
        Some(l) => Some(l.as_str().ok_or_else(|| type_error(format!("setlocale() argument 2 must be str or None, not {}", l.type_name())))?.to_string()),
    };
    CURRENT.with(|c| {
        let mut cur = c.borrow_mut();
        if let Some(w) = want {
            let name = match w.as_str() {
                "" => None,
                "C" | "POSIX" => Some("C"),
                "C.UTF-8" | "C.utf8" | "C.UTF8" => Some("C.UTF-8"),
                _ => return Err(crate::objects::exceptions::Exc::from_value(crate::call(&error_class()?, vec![Obj::str("unsupported locale setting")], None)?)),
            };
            let range = if cat == 6 { 0..6 } else { cat as usize..cat as usize + 1 };
            for i in range {
                // "" picks the environment's locale: C.UTF-8 for every category
                cur[i] = name.unwrap_or("C.UTF-8").to_string();
            }
        }
        Ok(Obj::string(if cat == 6 { all_string(&cur) } else { cur[cat as usize].clone() }))
    })
}

fn localeconv(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let d = new_dict();
    for k in ["int_curr_symbol", "currency_symbol", "mon_decimal_point", "mon_thousands_sep"] {
        dict_set(&d, Obj::str(k), Obj::str(""))?;
    }
    dict_set(&d, Obj::str("mon_grouping"), crate::objects::list::new_list(vec![]))?;
    dict_set(&d, Obj::str("positive_sign"), Obj::str(""))?;
    dict_set(&d, Obj::str("negative_sign"), Obj::str(""))?;
    for k in ["int_frac_digits", "frac_digits", "p_cs_precedes", "p_sep_by_space", "n_cs_precedes", "n_sep_by_space", "p_sign_posn", "n_sign_posn"] {
        dict_set(&d, Obj::str(k), Obj::int(127))?;
    }
    dict_set(&d, Obj::str("decimal_point"), Obj::str("."))?;
    dict_set(&d, Obj::str("thousands_sep"), Obj::str(""))?;
    dict_set(&d, Obj::str("grouping"), crate::objects::list::new_list(vec![]))?;
    Ok(d)
}

/// The codeset of LC_CTYPE: UTF-8 for C.UTF-8, ASCII's name for C.
fn codeset() -> &'static str {
    CURRENT.with(|c| if c.borrow()[0] == "C" { "ANSI_X3.4-1968" } else { "UTF-8" })
}

fn getencoding(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::str(codeset()))
}

// nl_langinfo items (glibc's numbers) and their C-locale values
const LANGINFO: &[(&str, i64, &str)] = &[
    ("CODESET", 14, "UTF-8"),
    ("D_T_FMT", 0x20028, "%a %b %e %H:%M:%S %Y"),
    ("D_FMT", 0x20029, "%m/%d/%y"),
    ("T_FMT", 0x2002A, "%H:%M:%S"),
    ("T_FMT_AMPM", 0x2002B, "%I:%M:%S %p"),
    ("AM_STR", 0x20026, "AM"),
    ("PM_STR", 0x20027, "PM"),
    ("RADIXCHAR", 0x10000, "."),
    ("THOUSEP", 0x10001, ""),
    ("YESEXPR", 0x50000, "^[yY]"),
    ("NOEXPR", 0x50001, "^[nN]"),
    ("CRNCYSTR", 0x4000F, "-"),
    ("ERA", 0x2002C, ""),
    ("ERA_D_FMT", 0x2002E, ""),
    ("ERA_D_T_FMT", 0x20030, ""),
    ("ERA_T_FMT", 0x20031, ""),
    ("ALT_DIGITS", 0x2002F, ""),
];
const DAY: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MON: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

fn langinfo_items() -> Vec<(String, i64, String)> {
    let mut v: Vec<(String, i64, String)> = LANGINFO.iter().map(|(n, k, s)| (n.to_string(), *k, s.to_string())).collect();
    for i in 0..7 {
        v.push((format!("ABDAY_{}", i + 1), 0x20000 + i as i64, DAY[i][..3].to_string()));
        v.push((format!("DAY_{}", i + 1), 0x20007 + i as i64, DAY[i].to_string()));
    }
    for i in 0..12 {
        v.push((format!("ABMON_{}", i + 1), 0x2000E + i as i64, MON[i][..3].to_string()));
        v.push((format!("MON_{}", i + 1), 0x2001A + i as i64, MON[i].to_string()));
    }
    v
}

fn nl_langinfo(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("nl_langinfo", a, 1, 1)?;
    let k = ops::index_value(&a[0])?;
    match langinfo_items().into_iter().find(|(_, key, _)| *key == k) {
        Some((n, _, _)) if n == "CODESET" => Ok(Obj::str(codeset())),
        Some((_, _, v)) => Ok(Obj::string(v)),
        None => Err(value_error("unsupported langinfo constant")),
    }
}

fn strcoll(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("strcoll", a, 2, 2)?;
    let x = a[0].as_str().ok_or_else(|| type_error(format!("strcoll() argument 1 must be str, not {}", a[0].type_name())))?;
    let y = a[1].as_str().ok_or_else(|| type_error(format!("strcoll() argument 2 must be str, not {}", a[1].type_name())))?;
    Ok(Obj::int(match x.cmp(y) {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    }))
}

fn strxfrm(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("strxfrm", a, 1, 1)?;
    let x = a[0].as_str().ok_or_else(|| type_error(format!("strxfrm() argument must be str, not {}", a[0].type_name())))?;
    Ok(Obj::str(x))
}

fn gettext(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(a.last().cloned().unwrap_or_else(Obj::none))
}
fn dgettext(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("dgettext", a, 2, 2)?;
    Ok(a[1].clone())
}
fn textdomain(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(a.get(0).filter(|x| !x.is_none()).cloned().unwrap_or_else(|| Obj::str("messages")))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_locale"))?;
    let fns: &[(&str, BuiltinFn)] = &[
        ("setlocale", setlocale),
        ("localeconv", localeconv),
        ("getencoding", getencoding),
        ("nl_langinfo", nl_langinfo),
        ("strcoll", strcoll),
        ("strxfrm", strxfrm),
        ("gettext", gettext),
        ("dgettext", dgettext),
        ("dcgettext", dgettext),
        ("textdomain", textdomain),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    for (n, v) in CATEGORIES {
        dict_set(&d, Obj::str(n), Obj::int(*v))?;
    }
    dict_set(&d, Obj::str("CHAR_MAX"), Obj::int(127))?;
    dict_set(&d, Obj::str("Error"), error_class()?)?;
    for (n, k, _) in langinfo_items() {
        dict_set(&d, Obj::string(n), Obj::int(k))?;
    }
    Ok(crate::objects::module::new_module("_locale", d))
}
