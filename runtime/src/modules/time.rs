//! The `time` module: time, perf_counter, monotonic, sleep.
use crate::objects::builtin_fn::new_builtin;
use crate::objects::dict::{dict_set, new_dict};
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

fn t_time(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let d = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    Ok(Obj::float(d.as_secs_f64()))
}
fn t_time_ns(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let d = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    Ok(crate::objects::int::int_from_i128(d.as_nanos() as i128))
}
fn t_perf(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::float(START.with(|s| s.elapsed().as_secs_f64())))
}
fn t_perf_ns(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(crate::objects::int::int_from_i128(START.with(|s| s.elapsed().as_nanos() as i128)))
}
fn t_sleep(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("sleep", a, 1, 1)?;
    let s = ops::number_to_f64(&a[0])?;
    if s < 0.0 {
        return Err(crate::objects::exceptions::value_error("sleep length must be non-negative"));
    }
    crate::io::flush_stdout();
    std::thread::sleep(Duration::from_secs_f64(s));
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
        ("sleep", t_sleep),
    ] {
        dict_set(&d, Obj::str(n), new_builtin(n, f))?;
    }
    Ok(crate::objects::module::new_module("time", d))
}
