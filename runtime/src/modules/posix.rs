//! `posix` (what Lib/os.py builds on) over std::fs: natively on Linux, and under WASI where
//! files are reached through the host's preopened directories. stat/lstat/fstat with
//! `stat_result`, listdir, scandir with `DirEntry`, getcwd, mkdir/rmdir/unlink/rename, file
//! descriptors (open/read/write/close/lseek/...; 0-2 go through the runtime's stdio), environ
//! (bytes keys and values, as CPython's posix.environ), urandom, strerror, times, ...
//! Errors are OSError subclasses chosen by errno (Linux numbering on every target), with
//! CPython's "[Errno 2] No such file or directory: 'x'" form.
use crate::modules::errno;
use crate::modules::native_class::{bind, capsule, capsule_ref, get_state, make_class, opt, set_state};
use crate::object::{Obj, TypeObject};
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::bytes::as_bytes;
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{self as exc, type_error, value_error, Exc};
use crate::objects::str::nargs;
use crate::{ops, PyResult};
use std::cell::RefCell;
use std::io::{Read, Seek, SeekFrom, Write};

#[cfg(unix)]
use std::os::unix::io::{FromRawFd, IntoRawFd};
#[cfg(target_os = "wasi")]
use std::os::wasi::io::{FromRawFd, IntoRawFd};

// ---------------------------------------------------------------- errors

/// The OSError subclass CPython picks for an errno.
pub fn oserror_type(code: i64) -> &'static TypeObject {
    use crate::objects::exc_types::*;
    match code {
        11 | 114 | 115 => &BLOCKING_IO_ERROR, // EAGAIN/EWOULDBLOCK, EALREADY, EINPROGRESS
        10 => &CHILD_PROCESS_ERROR,
        32 | 108 => &BROKEN_PIPE_ERROR,
        103 => &CONNECTION_ABORTED_ERROR,
        111 => &CONNECTION_REFUSED_ERROR,
        104 => &CONNECTION_RESET_ERROR,
        17 => &FILE_EXISTS_ERROR,
        2 => &FILE_NOT_FOUND_ERROR,
        21 => &IS_A_DIRECTORY_ERROR,
        20 => &NOT_A_DIRECTORY_ERROR,
        4 => &INTERRUPTED_ERROR,
        13 | 1 => &PERMISSION_ERROR,
        3 => &PROCESS_LOOKUP_ERROR,
        110 => &TIMEOUT_ERROR,
        _ => &OS_ERROR,
    }
}

/// OSError(errno, strerror(errno), filename[, None, filename2]) of the right subclass.
pub fn os_error(code: i64, filename: Option<&Obj>, filename2: Option<&Obj>) -> Exc {
    let v = exc::new_exc_obj(oserror_type(code), vec![Obj::int(code), Obj::string(errno::strerror(code))]);
    if let Some(f) = filename {
        let _ = exc::exc_setattr(&v, "filename", f.clone());
    }
    if let Some(f) = filename2 {
        let _ = exc::exc_setattr(&v, "filename2", f.clone());
    }
    Exc::from_value(v)
}

pub fn io_error(e: &std::io::Error, filename: Option<&Obj>) -> Exc {
    os_error(errno::from_io_error(e), filename, None)
}

/// `OSError(...)` called from Python: with 2 to 5 arguments (errno, strerror, filename,
/// winerror, filename2) an exact OSError becomes the subclass for errno, `args` keeps
/// (errno, strerror) and the filenames become attributes.
pub fn oserror_new(ty: &'static TypeObject, args: &[Obj]) -> Obj {
    if args.len() < 2 || args.len() > 5 {
        return exc::new_exc_obj(ty, args.to_vec());
    }
    let ty = match (std::ptr::eq(ty, &crate::objects::exc_types::OS_ERROR), args[0].as_i64()) {
        (true, Some(code)) => oserror_type(code),
        _ => ty,
    };
    let keep = if args.len() >= 3 { 2 } else { args.len() };
    let v = exc::new_exc_obj(ty, args[..keep].to_vec());
    if args.len() >= 3 {
        let _ = exc::exc_setattr(&v, "filename", args[2].clone());
    }
    if args.len() == 5 {
        let _ = exc::exc_setattr(&v, "filename2", args[4].clone());
    }
    v
}

// ---------------------------------------------------------------- paths

/// A path argument: str, bytes or os.PathLike; `was_bytes` says what results should be.
struct PathArg {
    s: String,
    obj: Obj,
    was_bytes: bool,
}

fn fspath_obj(o: &Obj) -> PyResult {
    if o.as_str().is_some() || as_bytes(o).is_some() {
        return Ok(o.clone());
    }
    match ops::lookup_special(o, "__fspath__") {
        Some(f) => {
            let r = crate::call(&f, vec![o.clone()], None)?;
            if r.as_str().is_some() || as_bytes(&r).is_some() {
                Ok(r)
            } else {
                Err(type_error(format!(
                    "expected {}.__fspath__() to return str or bytes, not {}",
                    o.type_name(),
                    r.type_name()
                )))
            }
        }
        None => Err(type_error(format!("expected str, bytes or os.PathLike object, not {}", o.type_name()))),
    }
}

fn path_arg(fname: &str, arg: &str, o: &Obj) -> PyResult<PathArg> {
    let p = fspath_obj(o).map_err(|_| {
        type_error(format!("{}: {} should be string, bytes or os.PathLike, not {}", fname, arg, o.type_name()))
    })?;
    if let Some(s) = p.as_str() {
        if s.contains('\0') {
            return Err(value_error(format!("{}: embedded null character in {}", fname, arg)));
        }
        return Ok(PathArg { s: s.to_string(), obj: o.clone(), was_bytes: false });
    }
    let b = as_bytes(&p).unwrap();
    if b.contains(&0) {
        return Err(value_error(format!("{}: embedded null character in {}", fname, arg)));
    }
    Ok(PathArg { s: String::from_utf8_lossy(b).into_owned(), obj: o.clone(), was_bytes: true })
}

fn name_obj(s: &str, bytes: bool) -> Obj {
    if bytes {
        Obj::bytes(s.as_bytes())
    } else {
        Obj::str(s)
    }
}

/// A path object (str, bytes, os.PathLike) as a Rust string.
pub fn fspath_string(o: &Obj) -> PyResult<String> {
    Ok(path_arg("open", "file", o)?.s)
}

/// Metadata of an open descriptor.
pub fn fd_metadata(fd: i64) -> PyResult<std::fs::Metadata> {
    with_fd(fd, |f| f.metadata())
}

pub fn ftruncate_fd(fd: i64, n: i64) -> PyResult<()> {
    with_fd(fd, |f| f.set_len(n.max(0) as u64))
}

/// str(OSError) with errno and filename(s): "[Errno 2] No such file or directory: 'x'".
pub fn os_error_str(o: &Obj) -> Option<String> {
    let args = exc::exc_args(o);
    let items = crate::objects::tuple::tuple_items(&args);
    if items.len() != 2 || items[0].as_i64().is_none() {
        return None;
    }
    let base = format!("[Errno {}] {}", items[0].as_i64().unwrap(), ops::str_string(&items[1]).ok()?);
    match exc::exc_getattr(o, "filename").filter(|f| !f.is_none()) {
        Some(f) => match exc::exc_getattr(o, "filename2").filter(|x| !x.is_none()) {
            Some(f2) => Some(format!("{}: {} -> {}", base, ops::repr_string(&f).ok()?, ops::repr_string(&f2).ok()?)),
            None => Some(format!("{}: {}", base, ops::repr_string(&f).ok()?)),
        },
        None => Some(base),
    }
}

fn fspath(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("fspath", a, kw, &["path"], 1, 1)?;
    fspath_obj(v[0].as_ref().unwrap())
}

// ---------------------------------------------------------------- stat

thread_local! {
    static CLASSES: RefCell<Vec<(&'static str, Obj)>> = RefCell::new(Vec::new());
}

/// `cls(sequence)` of structseq classes: the visible fields, then hidden ones in `_hidden`.
fn structseq_new(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let cls = a[0].clone();
    let v = bind("structseq", &a[1..], kw, &["sequence", "dict"], 2, 1)?;
    let items = ops::collect_iterable(v[0].as_ref().unwrap())?;
    let t = cls.as_type();
    let fields = crate::objects::typeobj::type_lookup(t, "_fields").unwrap();
    let hidden = crate::objects::typeobj::type_lookup(t, "_hidden").unwrap();
    let (n, h) = (crate::objects::tuple::tuple_len(&fields), crate::objects::tuple::tuple_len(&hidden));
    let qual = format!("{}.{}", t.module, t.name.rsplit('.').next().unwrap_or(t.name));
    if items.len() < n {
        return Err(type_error(format!("{}() takes an at least {}-sequence ({}-sequence given)", qual, n, items.len())));
    }
    if items.len() > n + h {
        return Err(type_error(format!("{}() takes an at most {}-sequence ({}-sequence given)", qual, n + h, items.len())));
    }
    let o = crate::modules::collections::namedtuple_new(t, &items[..n], None)?;
    let d = crate::objects::typeobj::new_extra_dict(&o);
    for (i, name) in crate::objects::tuple::tuple_items(&hidden).iter().enumerate() {
        dict_set(&d, name.clone(), items.get(n + i).cloned().unwrap_or_else(Obj::none))?;
    }
    Ok(o)
}

/// A structseq-like class (a tuple subclass with named fields), made once per name.
pub fn structseq_class(qualname: &'static str, fields: &[&str]) -> PyResult {
    if let Some(c) = CLASSES.with(|c| c.borrow().iter().find(|(n, _)| *n == qualname).map(|(_, o)| o.clone())) {
        return Ok(c);
    }
    let ns = new_dict();
    let f: Vec<Obj> = fields.iter().map(|x| Obj::str(x)).collect();
    dict_set(&ns, Obj::str("_fields"), Obj::tuple(f.clone()))?;
    dict_set(&ns, Obj::str("__match_args__"), Obj::tuple(f))?;
    dict_set(&ns, Obj::str("_field_defaults_list"), Obj::tuple(vec![]))?;
    dict_set(&ns, Obj::str("n_sequence_fields"), Obj::int(fields.len() as i64))?;
    let hidden: &[&str] = match qualname {
        "os.stat_result" => &["st_atime", "st_mtime", "st_ctime", "st_atime_ns", "st_mtime_ns", "st_ctime_ns", "st_blksize", "st_blocks", "st_rdev"],
        "time.struct_time" => &["tm_zone", "tm_gmtoff"],
        _ => &[],
    };
    dict_set(&ns, Obj::str("_hidden"), Obj::tuple(hidden.iter().map(|h| Obj::str(h)).collect()))?;
    dict_set(&ns, Obj::str("n_fields"), Obj::int((fields.len() + hidden.len()) as i64))?;
    dict_set(&ns, Obj::str("__new__"), new_builtin("__new__", structseq_new))?;
    let module = qualname.split('.').next().unwrap_or("posix");
    let cls = crate::objects::typeobj::new_class(qualname, vec![crate::objects::tuple::TUPLE_TYPE.obj()], ns, module)?;
    CLASSES.with(|c| c.borrow_mut().push((qualname, cls.clone())));
    Ok(cls)
}

/// An instance of a structseq class: visible fields, plus hidden named ones.
pub fn structseq(qualname: &'static str, fields: &[&str], values: Vec<Obj>, hidden: Vec<(&str, Obj)>) -> PyResult {
    let cls = structseq_class(qualname, fields)?;
    let o = crate::modules::collections::namedtuple_new(cls.as_type(), &values, None)?;
    if !hidden.is_empty() {
        let d = crate::objects::typeobj::new_extra_dict(&o);
        for (k, v) in hidden {
            dict_set(&d, Obj::str(k), v)?;
        }
    }
    Ok(o)
}

const STAT_FIELDS: &[&str] = &["st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", "st_atime", "st_mtime", "st_ctime"];

struct StatInfo {
    mode: i64,
    ino: u64,
    dev: u64,
    nlink: u64,
    uid: i64,
    gid: i64,
    size: i64,
    times: [(i64, i64); 3], // (seconds, nanoseconds) of atime, mtime, ctime
    blksize: i64,
    blocks: i64,
    rdev: u64,
}

#[cfg(unix)]
fn stat_info(m: &std::fs::Metadata) -> StatInfo {
    use std::os::unix::fs::MetadataExt;
    StatInfo {
        mode: m.mode() as i64,
        ino: m.ino(),
        dev: m.dev(),
        nlink: m.nlink(),
        uid: m.uid() as i64,
        gid: m.gid() as i64,
        size: m.size() as i64,
        times: [(m.atime(), m.atime_nsec()), (m.mtime(), m.mtime_nsec()), (m.ctime(), m.ctime_nsec())],
        blksize: m.blksize() as i64,
        blocks: m.blocks() as i64,
        rdev: m.rdev(),
    }
}

#[cfg(not(unix))]
fn stat_info(m: &std::fs::Metadata) -> StatInfo {
    // std's stable API on WASI has no inode/device/permissions: WASI has no permission bits
    let ft = m.file_type();
    let kind = if ft.is_dir() {
        0o040000
    } else if ft.is_symlink() {
        0o120000
    } else if ft.is_file() {
        0o100000
    } else {
        0
    };
    let t = |r: std::io::Result<std::time::SystemTime>| match r.ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()) {
        Some(d) => (d.as_secs() as i64, d.subsec_nanos() as i64),
        None => (0, 0),
    };
    let mtime = t(m.modified());
    StatInfo {
        mode: kind,
        ino: 0,
        dev: 0,
        nlink: 1,
        uid: 0,
        gid: 0,
        size: m.len() as i64,
        times: [t(m.accessed()), mtime, mtime],
        blksize: 512,
        blocks: ((m.len() + 511) / 512) as i64,
        rdev: 0,
    }
}

fn stat_result(m: &std::fs::Metadata) -> PyResult {
    let s = stat_info(m);
    let u = |v: u64| crate::objects::int::int_from_i128(v as i128);
    let mut values = vec![Obj::int(s.mode), u(s.ino), u(s.dev), u(s.nlink), Obj::int(s.uid), Obj::int(s.gid), Obj::int(s.size)];
    for (sec, _) in s.times.iter() {
        values.push(Obj::int(*sec));
    }
    let names = [("st_atime", "st_atime_ns"), ("st_mtime", "st_mtime_ns"), ("st_ctime", "st_ctime_ns")];
    let mut hidden = Vec::new();
    for ((f, ns), (sec, nsec)) in names.iter().zip(s.times.iter()) {
        hidden.push((*f, Obj::float(*sec as f64 + *nsec as f64 * 1e-9)));
        hidden.push((*ns, crate::objects::int::int_from_i128(*sec as i128 * 1_000_000_000 + *nsec as i128)));
    }
    hidden.push(("st_blksize", Obj::int(s.blksize)));
    hidden.push(("st_blocks", Obj::int(s.blocks)));
    hidden.push(("st_rdev", u(s.rdev)));
    structseq("os.stat_result", STAT_FIELDS, values, hidden)
}

fn do_stat(fname: &str, a: &[Obj], kw: Option<&Obj>, follow_default: bool) -> PyResult {
    let params: &[&str] = if fname == "stat" { &["path", "dir_fd", "follow_symlinks"] } else { &["path", "dir_fd"] };
    let v = bind(fname, a, kw, params, 1, 1)?;
    let follow = match v.get(2).and_then(|x| x.as_ref()) {
        Some(f) => ops::is_true(f)?,
        None => follow_default,
    };
    let p = v[0].as_ref().unwrap();
    if let Some(fd) = p.as_i64().filter(|_| fname == "stat") {
        return fstat_fd(fd);
    }
    let path = path_arg(fname, "path", p)?;
    let m = if follow { std::fs::metadata(&path.s) } else { std::fs::symlink_metadata(&path.s) };
    let m = m.map_err(|e| io_error(&e, Some(&path.obj)))?;
    stat_result(&m)
}
fn stat(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    do_stat("stat", a, kw, true)
}
fn lstat(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    do_stat("lstat", a, kw, false)
}

/// Runs `f` on the open file `fd` without taking ownership of it.
fn with_fd<R>(fd: i64, f: impl FnOnce(&mut std::fs::File) -> std::io::Result<R>) -> PyResult<R> {
    if fd < 0 || fd > i32::MAX as i64 {
        return Err(os_error(9, None, None));
    }
    let mut file = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(fd as i32) });
    f(&mut file).map_err(|e| io_error(&e, None))
}

fn fstat_fd(fd: i64) -> PyResult {
    let m = with_fd(fd, |f| f.metadata())?;
    stat_result(&m)
}
fn fstat(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("fstat", a, kw, &["fd"], 1, 1)?;
    fstat_fd(ops::index_value(v[0].as_ref().unwrap())?)
}

// ---------------------------------------------------------------- directories

fn opt_path(fname: &str, v: &Option<Obj>) -> PyResult<PathArg> {
    match opt(v) {
        Some(p) => path_arg(fname, "path", p),
        None => Ok(PathArg { s: ".".into(), obj: Obj::str("."), was_bytes: false }),
    }
}

fn read_dir_names(p: &PathArg) -> PyResult<Vec<(String, Option<std::fs::FileType>)>> {
    let rd = std::fs::read_dir(&p.s).map_err(|e| io_error(&e, Some(&p.obj)))?;
    let mut out = Vec::new();
    for e in rd {
        let e = e.map_err(|e| io_error(&e, Some(&p.obj)))?;
        out.push((e.file_name().to_string_lossy().into_owned(), e.file_type().ok()));
    }
    Ok(out)
}

fn listdir(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("listdir", a, kw, &["path"], 1, 0)?;
    let p = opt_path("listdir", &v[0])?;
    let names = read_dir_names(&p)?;
    Ok(crate::objects::list::new_list(names.into_iter().map(|(n, _)| name_obj(&n, p.was_bytes)).collect()))
}

fn getcwd_string() -> String {
    match std::env::current_dir() {
        Ok(p) => p.display().to_string(),
        Err(_) => "/".into(),
    }
}
fn getcwd(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("getcwd", a, 0, 0)?;
    Ok(Obj::string(getcwd_string()))
}
fn getcwdb(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("getcwdb", a, 0, 0)?;
    Ok(Obj::bytes(getcwd_string().as_bytes()))
}
fn chdir(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("chdir", a, kw, &["path"], 1, 1)?;
    let p = path_arg("chdir", "path", v[0].as_ref().unwrap())?;
    std::env::set_current_dir(&p.s).map_err(|e| io_error(&e, Some(&p.obj)))?;
    Ok(Obj::none())
}

fn mkdir(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("mkdir", a, kw, &["path", "mode", "dir_fd"], 2, 1)?;
    let p = path_arg("mkdir", "path", v[0].as_ref().unwrap())?;
    #[allow(unused_mut)]
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        if let Some(m) = opt(&v[1]) {
            b.mode(ops::index_value(m)? as u32);
        }
    }
    b.create(&p.s).map_err(|e| io_error(&e, Some(&p.obj)))?;
    Ok(Obj::none())
}

fn rmdir(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("rmdir", a, kw, &["path", "dir_fd"], 1, 1)?;
    let p = path_arg("rmdir", "path", v[0].as_ref().unwrap())?;
    std::fs::remove_dir(&p.s).map_err(|e| io_error(&e, Some(&p.obj)))?;
    Ok(Obj::none())
}

fn unlink_impl(fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind(fname, a, kw, &["path", "dir_fd"], 1, 1)?;
    let p = path_arg(fname, "path", v[0].as_ref().unwrap())?;
    if let Ok(m) = std::fs::symlink_metadata(&p.s) {
        if m.is_dir() {
            return Err(os_error(21, Some(&p.obj), None));
        }
    }
    std::fs::remove_file(&p.s).map_err(|e| io_error(&e, Some(&p.obj)))?;
    Ok(Obj::none())
}
fn unlink(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    unlink_impl("unlink", a, kw)
}
fn remove(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    unlink_impl("remove", a, kw)
}

fn rename_impl(fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind(fname, a, kw, &["src", "dst", "src_dir_fd", "dst_dir_fd"], 2, 2)?;
    let s = path_arg(fname, "src", v[0].as_ref().unwrap())?;
    let d = path_arg(fname, "dst", v[1].as_ref().unwrap())?;
    std::fs::rename(&s.s, &d.s).map_err(|e| os_error(errno::from_io_error(&e), Some(&s.obj), Some(&d.obj)))?;
    Ok(Obj::none())
}
fn rename(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    rename_impl("rename", a, kw)
}
fn replace(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    rename_impl("replace", a, kw)
}

fn readlink(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("readlink", a, kw, &["path", "dir_fd"], 1, 1)?;
    let p = path_arg("readlink", "path", v[0].as_ref().unwrap())?;
    let t = std::fs::read_link(&p.s).map_err(|e| io_error(&e, Some(&p.obj)))?;
    Ok(name_obj(&t.to_string_lossy(), p.was_bytes))
}

fn symlink(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("symlink", a, kw, &["src", "dst", "target_is_directory", "dir_fd"], 3, 2)?;
    let s = path_arg("symlink", "src", v[0].as_ref().unwrap())?;
    let d = path_arg("symlink", "dst", v[1].as_ref().unwrap())?;
    #[cfg(unix)]
    let r = std::os::unix::fs::symlink(&s.s, &d.s);
    #[cfg(not(unix))]
    let r: std::io::Result<()> = Err(std::io::Error::from(std::io::ErrorKind::Unsupported));
    r.map_err(|e| os_error(errno::from_io_error(&e), Some(&s.obj), Some(&d.obj)))?;
    Ok(Obj::none())
}

fn access(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("access", a, kw, &["path", "mode", "dir_fd", "effective_ids", "follow_symlinks"], 2, 2)?;
    let p = path_arg("access", "path", v[0].as_ref().unwrap())?;
    let mode = ops::index_value(v[1].as_ref().unwrap())?;
    let m = match std::fs::metadata(&p.s) {
        Ok(m) => m,
        Err(_) => return Ok(Obj::bool(false)),
    };
    if mode & 2 != 0 && m.permissions().readonly() {
        return Ok(Obj::bool(false));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if mode & 1 != 0 && m.permissions().mode() & 0o111 == 0 {
            return Ok(Obj::bool(false));
        }
    }
    Ok(Obj::bool(true))
}

fn chmod(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("chmod", a, kw, &["path", "mode", "dir_fd", "follow_symlinks"], 2, 2)?;
    let p = path_arg("chmod", "path", v[0].as_ref().unwrap())?;
    let mode = ops::index_value(v[1].as_ref().unwrap())?;
    let m = std::fs::metadata(&p.s).map_err(|e| io_error(&e, Some(&p.obj)))?;
    let mut perms = m.permissions();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        perms.set_mode(mode as u32);
    }
    #[cfg(not(unix))]
    perms.set_readonly(mode & 0o222 == 0);
    std::fs::set_permissions(&p.s, perms).map_err(|e| io_error(&e, Some(&p.obj)))?;
    Ok(Obj::none())
}

fn truncate(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("truncate", a, kw, &["path", "length"], 2, 2)?;
    let n = ops::index_value(v[1].as_ref().unwrap())?;
    let p0 = v[0].as_ref().unwrap();
    if let Some(fd) = p0.as_i64() {
        return with_fd(fd, |f| f.set_len(n as u64)).map(|_| Obj::none());
    }
    let p = path_arg("truncate", "path", p0)?;
    let f = std::fs::OpenOptions::new().write(true).open(&p.s).map_err(|e| io_error(&e, Some(&p.obj)))?;
    f.set_len(n as u64).map_err(|e| io_error(&e, Some(&p.obj)))?;
    Ok(Obj::none())
}

fn utime(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("utime", a, kw, &["path", "times", "ns", "dir_fd", "follow_symlinks"], 2, 1)?;
    let p = path_arg("utime", "path", v[0].as_ref().unwrap())?;
    std::fs::metadata(&p.s).map_err(|e| io_error(&e, Some(&p.obj)))?;
    Ok(Obj::none()) // times are not settable through std on every target
}

// ---------------------------------------------------------------- scandir / DirEntry

struct Entry {
    name: String,
    path: String,
    bytes: bool,
    ft: Option<std::fs::FileType>,
}

struct ScandirState {
    entries: RefCell<std::vec::IntoIter<Entry>>,
}

fn class(name: &'static str) -> PyResult {
    CLASSES.with(|c| c.borrow().iter().find(|(n, _)| *n == name).map(|(_, o)| o.clone())).ok_or_else(|| type_error("posix not initialised"))
}

fn scandir(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("scandir", a, kw, &["path"], 1, 0)?;
    let p = opt_path("scandir", &v[0])?;
    let names = read_dir_names(&p)?;
    let base = if opt(&v[0]).is_none() { String::new() } else { p.s.clone() };
    let entries: Vec<Entry> = names
        .into_iter()
        .map(|(n, ft)| {
            let path = if base.is_empty() { n.clone() } else if base.ends_with('/') { format!("{}{}", base, n) } else { format!("{}/{}", base, n) };
            let path = if opt(&v[0]).is_none() { format!("./{}", n) } else { path };
            Entry { name: n, path, bytes: p.was_bytes, ft }
        })
        .collect();
    let it = crate::objects::typeobj::new_instance(class("ScandirIterator")?.as_type());
    set_state(&it, capsule(ScandirState { entries: RefCell::new(entries.into_iter()) }))?;
    Ok(it)
}

fn sd_next(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let cap = get_state(&a[0]).ok_or_else(|| type_error("bad ScandirIterator"))?;
    let st = capsule_ref::<ScandirState>(&cap).unwrap();
    let e = st.entries.borrow_mut().next();
    match e {
        Some(e) => {
            let de = crate::objects::typeobj::new_instance(class("DirEntry")?.as_type());
            let d = crate::objects::typeobj::instance_dict(&de).unwrap();
            dict_set(&d, Obj::str("name"), name_obj(&e.name, e.bytes))?;
            dict_set(&d, Obj::str("path"), name_obj(&e.path, e.bytes))?;
            set_state(&de, capsule(e))?;
            Ok(de)
        }
        None => Err(exc::stop_iteration()),
    }
}
fn sd_iter(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(a[0].clone())
}
fn sd_close(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if let Some(cap) = get_state(&a[0]) {
        let st = capsule_ref::<ScandirState>(&cap).unwrap();
        *st.entries.borrow_mut() = Vec::new().into_iter();
    }
    Ok(Obj::none())
}
fn sd_exit(a: &[Obj], k: Option<&Obj>) -> PyResult {
    sd_close(&a[..1], k)?;
    Ok(Obj::bool(false))
}

fn entry(o: &Obj) -> PyResult<Obj> {
    get_state(o).ok_or_else(|| type_error("cannot create 'posix.DirEntry' instances"))
}

fn de_follow(fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<bool> {
    let v = bind(fname, &a[1..], kw, &["follow_symlinks"], 0, 0)?;
    match &v[0] {
        Some(f) => ops::is_true(f),
        None => Ok(true),
    }
}

fn de_kind(a: &[Obj], kw: Option<&Obj>, fname: &str, test: fn(&std::fs::FileType) -> bool, meta: fn(&std::fs::Metadata) -> bool) -> PyResult {
    let follow = de_follow(fname, a, kw)?;
    let cap = entry(&a[0])?;
    let e = capsule_ref::<Entry>(&cap).unwrap();
    let is_link = e.ft.map(|t| t.is_symlink()).unwrap_or(false);
    if follow && is_link {
        return Ok(Obj::bool(std::fs::metadata(&e.path).map(|m| meta(&m)).unwrap_or(false)));
    }
    Ok(Obj::bool(e.ft.map(|t| test(&t)).unwrap_or(false)))
}
fn de_is_dir(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    de_kind(a, kw, "is_dir", |t| t.is_dir(), |m| m.is_dir())
}
fn de_is_file(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    de_kind(a, kw, "is_file", |t| t.is_file(), |m| m.is_file())
}
fn de_is_symlink(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("is_symlink", &a[1..], 0, 0)?;
    let cap = entry(&a[0])?;
    Ok(Obj::bool(capsule_ref::<Entry>(&cap).unwrap().ft.map(|t| t.is_symlink()).unwrap_or(false)))
}
fn de_stat(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let follow = de_follow("stat", a, kw)?;
    let cap = entry(&a[0])?;
    let e = capsule_ref::<Entry>(&cap).unwrap();
    let p = Obj::str(&e.path);
    let m = if follow { std::fs::metadata(&e.path) } else { std::fs::symlink_metadata(&e.path) };
    stat_result(&m.map_err(|err| io_error(&err, Some(&p)))?)
}
fn de_inode(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let cap = entry(&a[0])?;
    let e = capsule_ref::<Entry>(&cap).unwrap();
    let m = std::fs::symlink_metadata(&e.path).map_err(|err| io_error(&err, None))?;
    Ok(crate::objects::int::int_from_i128(stat_info(&m).ino as i128))
}
fn de_fspath(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    ops::getattr_str(&a[0], "path")
}
fn de_repr(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let n = ops::getattr_str(&a[0], "name")?;
    Ok(Obj::string(format!("<DirEntry {}>", ops::repr_string(&n)?)))
}

// ---------------------------------------------------------------- file descriptors

// Linux's O_* values (the same numbers are accepted on every target).
const O_FLAGS: &[(&str, i64)] = &[
    ("O_RDONLY", 0),
    ("O_WRONLY", 1),
    ("O_RDWR", 2),
    ("O_CREAT", 64),
    ("O_EXCL", 128),
    ("O_NOCTTY", 256),
    ("O_TRUNC", 512),
    ("O_APPEND", 1024),
    ("O_NONBLOCK", 2048),
    ("O_NDELAY", 2048),
    ("O_DSYNC", 4096),
    ("O_SYNC", 1052672),
    ("O_RSYNC", 1052672),
    ("O_DIRECTORY", 65536),
    ("O_NOFOLLOW", 131072),
    ("O_CLOEXEC", 524288),
    ("O_ACCMODE", 3),
];

/// Opens `path` with Linux O_* flags; returns the new descriptor.
pub fn open_fd(path: &str, flags: i64, mode: i64) -> std::io::Result<i64> {
    let mut o = std::fs::OpenOptions::new();
    match flags & 3 {
        0 => o.read(true),
        1 => o.write(true),
        _ => o.read(true).write(true),
    };
    if flags & 1024 != 0 {
        o.append(true);
    }
    if flags & 64 != 0 {
        if flags & 128 != 0 {
            o.create_new(true);
        } else {
            o.create(true);
        }
    }
    if flags & 512 != 0 {
        o.truncate(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(mode as u32);
    }
    let _ = mode;
    let f = o.open(path)?;
    if flags & 65536 != 0 && !f.metadata()?.is_dir() {
        return Err(std::io::Error::from_raw_os_error(if cfg!(target_os = "wasi") { 54 } else { 20 }));
    }
    Ok(f.into_raw_fd() as i64)
}

fn open(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("open", a, kw, &["path", "flags", "mode", "dir_fd"], 3, 2)?;
    let p = path_arg("open", "path", v[0].as_ref().unwrap())?;
    let flags = ops::index_value(v[1].as_ref().unwrap())?;
    let mode = match opt(&v[2]) {
        Some(m) => ops::index_value(m)?,
        None => 0o777,
    };
    let fd = open_fd(&p.s, flags, mode).map_err(|e| io_error(&e, Some(&p.obj)))?;
    Ok(Obj::int(fd))
}

/// Closes a descriptor (EBADF if it is not open).
pub fn close_fd(fd: i64) -> PyResult<()> {
    with_fd(fd, |f| f.metadata().map(|_| ()))?;
    if fd > 2 {
        drop(unsafe { std::fs::File::from_raw_fd(fd as i32) });
    }
    Ok(())
}
fn close(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("close", a, kw, &["fd"], 1, 1)?;
    close_fd(ops::index_value(v[0].as_ref().unwrap())?)?;
    Ok(Obj::none())
}

/// Reads up to `n` bytes from `fd` (stdin for 0).
pub fn read_fd(fd: i64, n: usize) -> PyResult<Vec<u8>> {
    let mut buf = vec![0u8; n];
    let got = if fd == 0 {
        crate::io::flush_stdout();
        std::io::stdin().read(&mut buf).map_err(|e| io_error(&e, None))?
    } else {
        with_fd(fd, |f| f.read(&mut buf))?
    };
    buf.truncate(got);
    Ok(buf)
}
fn read(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("read", a, 2, 2)?;
    let fd = ops::index_value(&a[0])?;
    let n = ops::index_value(&a[1])?;
    if n < 0 {
        return Err(os_error(22, None, None));
    }
    Ok(Obj::bytes(&read_fd(fd, n as usize)?))
}

/// Writes to `fd` (1 and 2 through the runtime's stdout buffer / stderr).
pub fn write_fd(fd: i64, data: &[u8]) -> PyResult<usize> {
    match fd {
        1 => {
            crate::io::write_stdout(data);
            Ok(data.len())
        }
        2 => {
            crate::io::write_stderr(data);
            Ok(data.len())
        }
        _ => with_fd(fd, |f| f.write(data)),
    }
}
fn write(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("write", a, 2, 2)?;
    let fd = ops::index_value(&a[0])?;
    let b = as_bytes(&a[1]).ok_or_else(|| type_error(format!("a bytes-like object is required, not '{}'", a[1].type_name())))?.to_vec();
    Ok(Obj::int(write_fd(fd, &b)? as i64))
}

pub fn lseek_fd(fd: i64, pos: i64, how: i64) -> PyResult<i64> {
    let to = match how {
        0 => SeekFrom::Start(pos.max(0) as u64),
        1 => SeekFrom::Current(pos),
        2 => SeekFrom::End(pos),
        _ => return Err(os_error(22, None, None)),
    };
    if pos < 0 && how == 0 {
        return Err(os_error(22, None, None));
    }
    with_fd(fd, |f| f.seek(to)).map(|p| p as i64)
}
fn lseek(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("lseek", a, 3, 3)?;
    let r = lseek_fd(ops::index_value(&a[0])?, ops::index_value(&a[1])?, ops::index_value(&a[2])?)?;
    Ok(Obj::int(r))
}

fn ftruncate(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("ftruncate", a, 2, 2)?;
    let n = ops::index_value(&a[1])?;
    with_fd(ops::index_value(&a[0])?, |f| f.set_len(n as u64))?;
    Ok(Obj::none())
}
fn fsync(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("fsync", a, 1, 1)?;
    let fd = match a[0].as_i64() {
        Some(fd) => fd,
        None => ops::index_value(&ops::call_method(&a[0], "fileno", vec![], None)?)?,
    };
    with_fd(fd, |f| f.sync_all())?;
    Ok(Obj::none())
}

/// Whether `fd` is a terminal (only stdio can be, and only natively).
pub fn isatty_fd(fd: i64) -> bool {
    #[cfg(unix)]
    {
        extern "C" {
            fn isatty(fd: i32) -> i32;
        }
        unsafe { isatty(fd as i32) == 1 }
    }
    #[cfg(not(unix))]
    {
        let _ = fd;
        false
    }
}
fn isatty(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("isatty", a, 1, 1)?;
    Ok(Obj::bool(isatty_fd(ops::index_value(&a[0])?)))
}

fn device_encoding(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("device_encoding", a, kw, &["fd"], 1, 1)?;
    let fd = ops::index_value(v[0].as_ref().unwrap())?;
    Ok(if isatty_fd(fd) { Obj::str("UTF-8") } else { Obj::none() })
}

fn get_terminal_size(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("get_terminal_size", a, 0, 1)?;
    let fd = match a.get(0) {
        Some(f) => ops::index_value(f)?,
        None => 1,
    };
    if !isatty_fd(fd) {
        return Err(os_error(25, None, None));
    }
    let cols = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(80i64);
    let lines = std::env::var("LINES").ok().and_then(|c| c.parse().ok()).unwrap_or(24i64);
    structseq("os.terminal_size", &["columns", "lines"], vec![Obj::int(cols), Obj::int(lines)], vec![])
}

// ---------------------------------------------------------------- process

fn getpid(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    // WASI has no processes (Rust's process::id() aborts there); wasi-libc's emulated
    // getpid(), which CPython's WASI build uses, answers 42
    #[cfg(target_os = "wasi")]
    let pid = 42;
    #[cfg(not(target_os = "wasi"))]
    let pid = std::process::id() as i64;
    Ok(Obj::int(pid))
}

fn exit_(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("_exit", a, kw, &["status"], 1, 1)?;
    let code = ops::index_value(v[0].as_ref().unwrap())?;
    crate::io::flush_stdout();
    std::process::exit(code as i32)
}

fn strerror(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("strerror", a, 1, 1)?;
    Ok(Obj::string(errno::strerror(ops::index_value(&a[0])?)))
}

fn urandom(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("urandom", a, 1, 1)?;
    let n = ops::index_value(&a[0])?;
    if n < 0 {
        return Err(value_error("negative argument not allowed"));
    }
    let mut buf = vec![0u8; n as usize];
    let mut f = std::fs::File::open("/dev/urandom").ok();
    let filled = match f.as_mut() {
        Some(f) => f.read_exact(&mut buf).is_ok(),
        None => false,
    };
    if !filled {
        random_fill(&mut buf);
    }
    Ok(Obj::bytes(&buf))
}

/// Random bytes from WASI's random_get (or, failing that, std's hasher seeds).
fn random_fill(buf: &mut [u8]) {
    #[cfg(target_os = "wasi")]
    {
        #[link(wasm_import_module = "wasi_snapshot_preview1")]
        extern "C" {
            fn random_get(buf: *mut u8, len: usize) -> u16;
        }
        if unsafe { random_get(buf.as_mut_ptr(), buf.len()) } == 0 {
            return;
        }
    }
    use std::hash::{BuildHasher, Hasher};
    for chunk in buf.chunks_mut(8) {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_usize(chunk.as_ptr() as usize);
        let v = h.finish().to_le_bytes();
        chunk.copy_from_slice(&v[..chunk.len()]);
    }
}

fn times(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("times", a, 0, 0)?;
    let el = crate::modules::time::monotonic_secs();
    let cpu = crate::modules::time::process_secs();
    let fields = ["user", "system", "children_user", "children_system", "elapsed"];
    let vals = vec![Obj::float(cpu), Obj::float(0.0), Obj::float(0.0), Obj::float(0.0), Obj::float(el)];
    structseq("posix.times_result", &fields, vals, vec![])
}

fn umask(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("umask", a, 1, 1)?;
    let m = ops::index_value(&a[0])?;
    #[cfg(unix)]
    {
        extern "C" {
            fn umask(m: u32) -> u32;
        }
        return Ok(Obj::int(unsafe { umask(m as u32) } as i64));
    }
    #[cfg(not(unix))]
    Ok(Obj::int(m & 0 | 0o022))
}

fn environ() -> PyResult {
    let d = new_dict();
    for (k, v) in std::env::vars_os() {
        let k = k.to_string_lossy().into_owned();
        let v = v.to_string_lossy().into_owned();
        dict_set(&d, Obj::bytes(k.as_bytes()), Obj::bytes(v.as_bytes()))?;
    }
    Ok(d)
}

fn putenv(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("putenv", a, 2, 2)?;
    let k = path_arg("putenv", "name", &a[0])?;
    let v = path_arg("putenv", "value", &a[1])?;
    if k.s.is_empty() || k.s.contains('=') {
        return Err(value_error("illegal environment variable name"));
    }
    std::env::set_var(&k.s, &v.s);
    Ok(Obj::none())
}
fn unsetenv(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("unsetenv", a, 1, 1)?;
    let k = path_arg("unsetenv", "name", &a[0])?;
    if k.s.is_empty() || k.s.contains('=') {
        return Err(value_error("illegal environment variable name"));
    }
    std::env::remove_var(&k.s);
    Ok(Obj::none())
}

fn cpu_count(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(match std::thread::available_parallelism() {
        Ok(n) => Obj::int(n.get() as i64),
        Err(_) => Obj::none(),
    })
}

fn register_at_fork(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::none())
}

/// waitpid(pid, options): a compiled program never has child processes (ECHILD).
fn waitpid(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("waitpid", a, 2, 2)?;
    ops::index_value(&a[0])?;
    ops::index_value(&a[1])?;
    Err(os_error(10, None, None))
}

fn wait_status(name: &str, a: &[Obj]) -> PyResult<i64> {
    nargs(name, a, 1, 1)?;
    ops::index_value(&a[0])
}

/// waitstatus_to_exitcode(status) as CPython's (Linux's W* macros).
fn waitstatus_to_exitcode(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let s = wait_status("waitstatus_to_exitcode", a)?;
    if s & 0x7f == 0 {
        return Ok(Obj::int((s >> 8) & 0xff));
    }
    if (s & 0x7f) + 1 >= 2 && s & 0xff != 0x7f {
        return Ok(Obj::int(-(s & 0x7f)));
    }
    Err(crate::objects::exceptions::value_error(format!("invalid wait status: {}", s)))
}

fn wifstopped(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(wait_status("WIFSTOPPED", a)? & 0xff == 0x7f))
}

fn wstopsig(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int((wait_status("WSTOPSIG", a)? >> 8) & 0xff))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("posix"))?;
    dict_set(&d, Obj::str("WNOHANG"), Obj::int(1))?;
    let fns: &[(&str, BuiltinFn)] = &[
        ("waitpid", waitpid),
        ("waitstatus_to_exitcode", waitstatus_to_exitcode),
        ("WIFSTOPPED", wifstopped),
        ("WSTOPSIG", wstopsig),
        ("stat", stat),
        ("lstat", lstat),
        ("fstat", fstat),
        ("listdir", listdir),
        ("scandir", scandir),
        ("getcwd", getcwd),
        ("getcwdb", getcwdb),
        ("chdir", chdir),
        ("mkdir", mkdir),
        ("rmdir", rmdir),
        ("unlink", unlink),
        ("remove", remove),
        ("rename", rename),
        ("replace", replace),
        ("readlink", readlink),
        ("symlink", symlink),
        ("access", access),
        ("chmod", chmod),
        ("truncate", truncate),
        ("utime", utime),
        ("open", open),
        ("close", close),
        ("read", read),
        ("write", write),
        ("lseek", lseek),
        ("ftruncate", ftruncate),
        ("fsync", fsync),
        ("isatty", isatty),
        ("device_encoding", device_encoding),
        ("get_terminal_size", get_terminal_size),
        ("fspath", fspath),
        ("getpid", getpid),
        ("_exit", exit_),
        ("strerror", strerror),
        ("urandom", urandom),
        ("times", times),
        ("umask", umask),
        ("putenv", putenv),
        ("unsetenv", unsetenv),
        ("cpu_count", cpu_count),
        ("register_at_fork", register_at_fork),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    dict_set(&d, Obj::str("environ"), environ()?)?;
    dict_set(&d, Obj::str("error"), crate::objects::exc_types::OS_ERROR.obj())?;
    dict_set(&d, Obj::str("_have_functions"), crate::objects::list::new_list(vec![]))?;
    for (n, v) in O_FLAGS {
        dict_set(&d, Obj::str(n), Obj::int(*v))?;
    }
    for (n, v) in [("F_OK", 0), ("R_OK", 4), ("W_OK", 2), ("X_OK", 1), ("SEEK_SET", 0), ("SEEK_CUR", 1), ("SEEK_END", 2), ("EX_OK", 0)] {
        dict_set(&d, Obj::str(n), Obj::int(v))?;
    }
    dict_set(&d, Obj::str("stat_result"), structseq_class("os.stat_result", STAT_FIELDS)?)?;
    dict_set(&d, Obj::str("times_result"), structseq_class("posix.times_result", &["user", "system", "children_user", "children_system", "elapsed"])?)?;
    dict_set(&d, Obj::str("terminal_size"), structseq_class("os.terminal_size", &["columns", "lines"])?)?;
    let de = make_class(
        "DirEntry",
        "posix",
        vec![],
        &[
            ("is_dir", de_is_dir),
            ("is_file", de_is_file),
            ("is_symlink", de_is_symlink),
            ("stat", de_stat),
            ("inode", de_inode),
            ("__fspath__", de_fspath),
            ("__repr__", de_repr),
        ],
        &[],
        vec![],
    )?;
    let sd = make_class(
        "ScandirIterator",
        "posix",
        vec![],
        &[("__next__", sd_next), ("__iter__", sd_iter), ("close", sd_close), ("__enter__", sd_iter), ("__exit__", sd_exit)],
        &[],
        vec![],
    )?;
    CLASSES.with(|c| {
        c.borrow_mut().push(("DirEntry", de.clone()));
        c.borrow_mut().push(("ScandirIterator", sd));
    });
    dict_set(&d, Obj::str("DirEntry"), de)?;
    Ok(crate::objects::module::new_module("posix", d))
}
