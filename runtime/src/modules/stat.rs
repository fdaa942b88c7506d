//! `_stat`: file type/mode constants and tests of st_mode (S_ISDIR, ..., S_IMODE, S_IFMT,
//! filemode), as CPython's Modules/_stat.c on Linux.
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::str::nargs;
use crate::{ops, Obj, PyResult};

static CONSTS: &[(&str, i64)] = &[
    ("S_IFDIR", 16384),
    ("S_IFCHR", 8192),
    ("S_IFBLK", 24576),
    ("S_IFREG", 32768),
    ("S_IFIFO", 4096),
    ("S_IFLNK", 40960),
    ("S_IFSOCK", 49152),
    ("S_IFDOOR", 0),
    ("S_IFPORT", 0),
    ("S_IFWHT", 0),
    ("S_ISUID", 2048),
    ("S_ISGID", 1024),
    ("S_ISVTX", 512),
    ("S_ENFMT", 1024),
    ("S_IREAD", 256),
    ("S_IWRITE", 128),
    ("S_IEXEC", 64),
    ("S_IRWXU", 448),
    ("S_IRUSR", 256),
    ("S_IWUSR", 128),
    ("S_IXUSR", 64),
    ("S_IRWXG", 56),
    ("S_IRGRP", 32),
    ("S_IWGRP", 16),
    ("S_IXGRP", 8),
    ("S_IRWXO", 7),
    ("S_IROTH", 4),
    ("S_IWOTH", 2),
    ("S_IXOTH", 1),
    ("UF_NODUMP", 1),
    ("UF_IMMUTABLE", 2),
    ("UF_APPEND", 4),
    ("UF_OPAQUE", 8),
    ("UF_NOUNLINK", 16),
    ("UF_COMPRESSED", 32),
    ("UF_HIDDEN", 32768),
    ("SF_ARCHIVED", 65536),
    ("SF_IMMUTABLE", 131072),
    ("SF_APPEND", 262144),
    ("SF_NOUNLINK", 1048576),
    ("SF_SNAPSHOT", 2097152),
    ("ST_MODE", 0),
    ("ST_INO", 1),
    ("ST_DEV", 2),
    ("ST_NLINK", 3),
    ("ST_UID", 4),
    ("ST_GID", 5),
    ("ST_SIZE", 6),
    ("ST_ATIME", 7),
    ("ST_MTIME", 8),
    ("ST_CTIME", 9),
];

pub const S_IFMT: i64 = 0o170000;
pub const S_IFDIR: i64 = 0o040000;
pub const S_IFREG: i64 = 0o100000;
pub const S_IFLNK: i64 = 0o120000;

fn mode_arg(name: &str, a: &[Obj]) -> PyResult<i64> {
    nargs(name, a, 1, 1)?;
    let v = ops::index_value(&a[0])?;
    if v < 0 || v > u32::MAX as i64 {
        return Err(crate::objects::exceptions::overflow_error("mode out of range"));
    }
    Ok(v)
}

macro_rules! is_fn {
    ($f:ident, $name:expr, $ty:expr) => {
        fn $f(a: &[Obj], _k: Option<&Obj>) -> PyResult {
            Ok(Obj::bool($ty != 0 && mode_arg($name, a)? & S_IFMT == $ty))
        }
    };
}
is_fn!(s_isdir, "S_ISDIR", 0o040000);
is_fn!(s_ischr, "S_ISCHR", 0o020000);
is_fn!(s_isblk, "S_ISBLK", 0o060000);
is_fn!(s_isreg, "S_ISREG", 0o100000);
is_fn!(s_isfifo, "S_ISFIFO", 0o010000);
is_fn!(s_islnk, "S_ISLNK", 0o120000);
is_fn!(s_issock, "S_ISSOCK", 0o140000);
fn s_false(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    mode_arg("S_ISDOOR", a)?;
    Ok(Obj::bool(false))
}
fn s_imode(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(mode_arg("S_IMODE", a)? & 0o7777))
}
fn s_ifmt(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(mode_arg("S_IFMT", a)? & S_IFMT))
}

/// `filemode(mode)`: "-rwxr-xr-x"
pub fn filemode_str(m: i64) -> String {
    let kind = match m & S_IFMT {
        0o140000 => 's',
        0o120000 => 'l',
        0o100000 => '-',
        0o060000 => 'b',
        0o040000 => 'd',
        0o020000 => 'c',
        0o010000 => 'p',
        _ => '?',
    };
    let mut s = String::new();
    s.push(kind);
    let bit = |b: i64, c: char| if m & b != 0 { c } else { '-' };
    let special = |x: i64, s_bit: i64, lower: char, upper: char| match (m & x != 0, m & s_bit != 0) {
        (true, true) => lower,
        (false, true) => upper,
        (true, false) => 'x',
        _ => '-',
    };
    s.push(bit(0o400, 'r'));
    s.push(bit(0o200, 'w'));
    s.push(special(0o100, 0o4000, 's', 'S'));
    s.push(bit(0o040, 'r'));
    s.push(bit(0o020, 'w'));
    s.push(special(0o010, 0o2000, 's', 'S'));
    s.push(bit(0o004, 'r'));
    s.push(bit(0o002, 'w'));
    s.push(special(0o001, 0o1000, 't', 'T'));
    s
}
fn filemode(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::string(filemode_str(mode_arg("filemode", a)?)))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_stat"))?;
    let fns: &[(&str, BuiltinFn)] = &[
        ("S_ISDIR", s_isdir),
        ("S_ISCHR", s_ischr),
        ("S_ISBLK", s_isblk),
        ("S_ISREG", s_isreg),
        ("S_ISFIFO", s_isfifo),
        ("S_ISLNK", s_islnk),
        ("S_ISSOCK", s_issock),
        ("S_ISDOOR", s_false),
        ("S_ISPORT", s_false),
        ("S_ISWHT", s_false),
        ("S_IMODE", s_imode),
        ("S_IFMT", s_ifmt),
        ("filemode", filemode),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    for (n, v) in CONSTS {
        dict_set(&d, Obj::str(n), Obj::int(*v))?;
    }
    Ok(crate::objects::module::new_module("_stat", d))
}
