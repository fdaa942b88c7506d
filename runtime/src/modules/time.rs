//! The `time` module: clocks (time, monotonic, perf_counter, process_time, thread_time and
//! their _ns forms), sleep, struct_time, gmtime/localtime/mktime (local time is UTC: WASI has
//! no time zones, and the native build follows it), asctime/ctime, strftime (glibc's
//! directives in the C locale), strptime (through Lib/_strptime.py when compiled in),
//! timezone/altzone/daylight/tzname.
use crate::modules::posix::structseq;
use crate::objects::builtin_fn::new_builtin;
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{overflow_error, type_error, value_error};
use crate::{ops, Obj, PyResult};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

thread_local! {
    static START: Instant = Instant::now();
}

/// Seconds since the runtime started (time.monotonic's clock).
pub fn monotonic_secs() -> f64 {
    START.with(|s| s.elapsed().as_secs_f64())
}
/// CPU time used (approximated by the monotonic clock: std has no process clock).
pub fn process_secs() -> f64 {
    monotonic_secs()
}

fn now() -> Duration {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default()
}
fn t_time(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::float(now().as_secs_f64()))
}
fn t_time_ns(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(crate::objects::int::int_from_i128(now().as_nanos() as i128))
}
fn t_perf(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::float(monotonic_secs()))
}
fn t_perf_ns(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(crate::objects::int::int_from_i128(START.with(|s| s.elapsed().as_nanos() as i128)))
}
fn t_sleep(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("sleep", a, 1, 1)?;
    if a[0].as_str().is_some() || a[0].is_none() {
        return Err(type_error(format!("'{}' object cannot be interpreted as an integer", a[0].type_name())));
    }
    let s = ops::number_to_f64(&a[0])?;
    if s < 0.0 {
        return Err(value_error("sleep length must be non-negative"));
    }
    crate::io::flush_stdout();
    sleep_at_least(Duration::from_secs_f64(s));
    Ok(Obj::none())
}

/// Sleeps until `d` has passed on the monotonic clock, as CPython's deadline-based sleep does:
/// a host may wake early (Node's WASI rounds its timers to whole milliseconds).
pub fn sleep_at_least(d: Duration) {
    let deadline = Instant::now() + d;
    loop {
        let now = Instant::now();
        if now >= deadline {
            return;
        }
        std::thread::sleep(deadline - now);
    }
}

// ---------------------------------------------------------------- calendar arithmetic

/// Days since 1970-01-01 → (year, month 1-12, day 1-31).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Broken-down time: year, mon 1-12, mday, hour, min, sec, wday (Mon=0), yday 1-366.
#[derive(Clone, Copy)]
struct Tm {
    year: i64,
    mon: i64,
    mday: i64,
    hour: i64,
    min: i64,
    sec: i64,
    wday: i64,
    yday: i64,
    isdst: i64,
}

fn tm_from_secs(t: i64) -> Tm {
    let days = t.div_euclid(86400);
    let rem = t.rem_euclid(86400);
    let (year, mon, mday) = civil_from_days(days);
    let yday = days - days_from_civil(year, 1, 1) + 1;
    Tm { year, mon, mday, hour: rem / 3600, min: rem % 3600 / 60, sec: rem % 60, wday: (days + 3).rem_euclid(7), yday, isdst: 0 }
}

fn secs_arg(fname: &str, a: &[Obj]) -> PyResult<i64> {
    crate::objects::str::nargs(fname, a, 0, 1)?;
    match a.get(0).filter(|x| !x.is_none()) {
        None => Ok(now().as_secs() as i64),
        Some(x) => {
            let f = if let Some(i) = x.as_i64() { i as f64 } else { ops::number_to_f64(x)? };
            if !f.is_finite() {
                return Err(value_error("Invalid value NaN (not a number)"));
            }
            if f.abs() > 1e17 {
                return Err(overflow_error("timestamp out of range for platform time_t"));
            }
            Ok(x.as_i64().unwrap_or(f.floor() as i64))
        }
    }
}

const FIELDS: &[&str] = &["tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst"];

fn struct_time(tm: &Tm, zone: &str) -> PyResult {
    let v = [tm.year, tm.mon, tm.mday, tm.hour, tm.min, tm.sec, tm.wday, tm.yday, tm.isdst];
    structseq("time.struct_time", FIELDS, v.iter().map(|x| Obj::int(*x)).collect(), vec![("tm_zone", Obj::str(zone)), ("tm_gmtoff", Obj::int(0))])
}

fn gmtime(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    struct_time(&tm_from_secs(secs_arg("gmtime", a)?), "GMT")
}
fn localtime(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    struct_time(&tm_from_secs(secs_arg("localtime", a)?), "UTC")
}

/// A struct_time or 9-sequence → Tm (CPython's checks and messages).
fn tm_arg(fname: &str, o: &Obj) -> PyResult<(Tm, String)> {
    let items = crate::objects::tuple::try_tuple_items(o)
        .map(|x| x.to_vec())
        .ok_or_else(|| type_error(format!("Tuple or struct_time argument required")))?;
    if items.len() < 9 {
        return Err(type_error(format!("{}(): illegal time tuple argument", fname)));
    }
    let mut v = [0i64; 9];
    for (i, x) in items.iter().take(9).enumerate() {
        v[i] = ops::index_value(x)?;
    }
    let zone = ops::getattr_str(o, "tm_zone").ok().and_then(|z| z.as_str().map(|s| s.to_string())).unwrap_or_else(|| "UTC".into());
    Ok((Tm { year: v[0], mon: v[1], mday: v[2], hour: v[3], min: v[4], sec: v[5], wday: v[6], yday: v[7], isdst: v[8] }, zone))
}

/// gettmarg + checktm of CPython's strftime/asctime: normalise 0 fields, range errors.
fn check_tm(mut t: Tm, fname: &str) -> PyResult<Tm> {
    if fname == "strftime" {
        if t.mon == 0 {
            t.mon = 1;
        }
        if t.mday == 0 {
            t.mday = 1;
        }
        if t.yday == 0 {
            t.yday = 1;
        }
        if t.wday < 0 {
            return Err(value_error("day of week out of range"));
        }
        t.wday = t.wday.rem_euclid(7);
    }
    if !(1..=12).contains(&t.mon) {
        return Err(value_error("month out of range"));
    }
    if !(1..=31).contains(&t.mday) {
        return Err(value_error("day of month out of range"));
    }
    if !(0..=23).contains(&t.hour) {
        return Err(value_error("hour out of range"));
    }
    if !(0..=59).contains(&t.min) {
        return Err(value_error("minute out of range"));
    }
    if !(0..=61).contains(&t.sec) {
        return Err(value_error("seconds out of range"));
    }
    if !(0..=6).contains(&t.wday) {
        return Err(value_error("day of week out of range"));
    }
    if !(1..=366).contains(&t.yday) {
        return Err(value_error("day of year out of range"));
    }
    Ok(t)
}

fn mktime(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("mktime", a, 1, 1)?;
    let (t, _) = tm_arg("mktime", &a[0])?;
    let days = days_from_civil(t.year, 1, 1) + month_offset(t.year, t.mon) + t.mday - 1;
    Ok(Obj::float((days * 86400 + t.hour * 3600 + t.min * 60 + t.sec) as f64))
}

/// Days before month `m` (may be outside 1..=12) in year `y`.
fn month_offset(y: i64, m: i64) -> i64 {
    let y2 = y + (m - 1).div_euclid(12);
    let m2 = (m - 1).rem_euclid(12) + 1;
    days_from_civil(y2, m2, 1) - days_from_civil(y, 1, 1)
}

const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

fn asctime_str(t: &Tm) -> String {
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {}",
        &DAYS[t.wday as usize][..3],
        &MONTHS[(t.mon - 1) as usize][..3],
        t.mday,
        t.hour,
        t.min,
        t.sec,
        t.year
    )
}

fn asctime(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("asctime", a, 0, 1)?;
    let t = match a.get(0) {
        Some(o) => check_tm(tm_arg("asctime", o)?.0, "asctime")?,
        None => tm_from_secs(now().as_secs() as i64),
    };
    Ok(Obj::string(asctime_str(&t)))
}
fn ctime(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::string(asctime_str(&tm_from_secs(secs_arg("ctime", a)?))))
}

/// ISO 8601 week-based year and week number.
fn iso_week(t: &Tm) -> (i64, i64) {
    let wday = t.wday; // Monday = 0
    let yday0 = t.yday - 1;
    let mut week = (yday0 - wday + 10) / 7;
    let mut year = t.year;
    if week < 1 {
        year -= 1;
        let prev_days = if is_leap(year) { 366 } else { 365 };
        week = (yday0 + prev_days - wday + 10) / 7;
    } else {
        let days = if is_leap(t.year) { 366 } else { 365 };
        if yday0 - wday + 3 >= days {
            // belongs to week 1 of next year
            week = 1;
            year += 1;
        }
    }
    (year, week)
}

fn strftime_str(fmt: &str, t: &Tm, zone: &str) -> String {
    let mut out = String::new();
    let mut it = fmt.chars();
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let d = match it.next() {
            Some(d) => d,
            None => {
                out.push('%');
                break;
            }
        };
        let sunday_wday = (t.wday + 1) % 7; // Sunday = 0
        let hour12 = if t.hour % 12 == 0 { 12 } else { t.hour % 12 };
        let s = match d {
            'a' => DAYS[t.wday as usize][..3].to_string(),
            'A' => DAYS[t.wday as usize].to_string(),
            'b' | 'h' => MONTHS[(t.mon - 1) as usize][..3].to_string(),
            'B' => MONTHS[(t.mon - 1) as usize].to_string(),
            'c' => asctime_str(t),
            'C' => format!("{:02}", t.year.div_euclid(100)),
            'd' => format!("{:02}", t.mday),
            'D' => format!("{:02}/{:02}/{:02}", t.mon, t.mday, t.year.rem_euclid(100)),
            'e' => format!("{:2}", t.mday),
            'F' => format!("{}-{:02}-{:02}", t.year, t.mon, t.mday),
            'G' => format!("{}", iso_week(t).0),
            'g' => format!("{:02}", iso_week(t).0.rem_euclid(100)),
            'H' => format!("{:02}", t.hour),
            'I' => format!("{:02}", hour12),
            'j' => format!("{:03}", t.yday),
            'k' => format!("{:2}", t.hour),
            'l' => format!("{:2}", hour12),
            'm' => format!("{:02}", t.mon),
            'M' => format!("{:02}", t.min),
            'n' => "\n".to_string(),
            'p' => (if t.hour < 12 { "AM" } else { "PM" }).to_string(),
            'P' => (if t.hour < 12 { "am" } else { "pm" }).to_string(),
            'r' => format!("{:02}:{:02}:{:02} {}", hour12, t.min, t.sec, if t.hour < 12 { "AM" } else { "PM" }),
            'R' => format!("{:02}:{:02}", t.hour, t.min),
            'S' => format!("{:02}", t.sec),
            't' => "\t".to_string(),
            'T' | 'X' => format!("{:02}:{:02}:{:02}", t.hour, t.min, t.sec),
            'u' => format!("{}", t.wday + 1),
            'U' => format!("{:02}", (t.yday - 1 + 7 - sunday_wday) / 7),
            'V' => format!("{:02}", iso_week(t).1),
            'w' => format!("{}", sunday_wday),
            'W' => format!("{:02}", (t.yday - 1 + 7 - t.wday) / 7),
            'x' => format!("{:02}/{:02}/{:02}", t.mon, t.mday, t.year.rem_euclid(100)),
            'y' => format!("{:02}", t.year.rem_euclid(100)),
            'Y' => format!("{}", t.year),
            'z' => "+0000".to_string(),
            'Z' => zone.to_string(),
            '%' => "%".to_string(),
            other => format!("%{}", other),
        };
        out.push_str(&s);
    }
    out
}

fn strftime(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("strftime", a, 1, 2)?;
    let fmt = a[0].as_str().ok_or_else(|| type_error(format!("strftime() argument 1 must be str, not {}", a[0].type_name())))?;
    let (t, zone) = match a.get(1) {
        Some(o) => {
            let (t, z) = tm_arg("strftime", o)?;
            (check_tm(t, "strftime")?, z)
        }
        None => (tm_from_secs(now().as_secs() as i64), "UTC".to_string()),
    };
    Ok(Obj::string(strftime_str(fmt, &t, &zone)))
}

fn strptime(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let m = crate::modules::importer::import_name(&new_dict(), "_strptime", &Obj::tuple(vec![]), 0)?;
    let f = ops::getattr_str(&m, "_strptime_time")?;
    crate::call(&f, a.to_vec(), kw)
}

fn tzset(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::none())
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("time"))?;
    for (n, f) in [
        ("time", t_time as crate::objects::builtin_fn::BuiltinFn),
        ("time_ns", t_time_ns),
        ("perf_counter", t_perf),
        ("perf_counter_ns", t_perf_ns),
        ("monotonic", t_perf),
        ("monotonic_ns", t_perf_ns),
        ("process_time", t_perf),
        ("process_time_ns", t_perf_ns),
        ("thread_time", t_perf),
        ("thread_time_ns", t_perf_ns),
        ("sleep", t_sleep),
        ("gmtime", gmtime),
        ("localtime", localtime),
        ("mktime", mktime),
        ("asctime", asctime),
        ("ctime", ctime),
        ("strftime", strftime),
        ("strptime", strptime),
        ("tzset", tzset),
    ] {
        dict_set(&d, Obj::str(n), new_builtin(n, f))?;
    }
    // struct_time: the structseq class, constructed from one sequence
    dict_set(&d, Obj::str("struct_time"), crate::modules::posix::structseq_class("time.struct_time", FIELDS)?)?;
    dict_set(&d, Obj::str("timezone"), Obj::int(0))?;
    dict_set(&d, Obj::str("altzone"), Obj::int(0))?;
    dict_set(&d, Obj::str("daylight"), Obj::int(0))?;
    dict_set(&d, Obj::str("tzname"), Obj::tuple2(Obj::str("UTC"), Obj::str("UTC")))?;
    Ok(crate::objects::module::new_module("time", d))
}

