//! `_socket`: CPython's C module as far as `socket.py` and the modules that import it at
//! start-up (email.utils, importlib.metadata, http, urllib) need, following CPython's module on
//! WASI, where a program has no network: the constants (Linux values), the `socket` type (which
//! `socket.socket` subclasses; creating one raises OSError(ENOTSUP)), `error` (OSError),
//! `herror`, `gaierror`, `timeout` (TimeoutError), the default timeout, `has_ipv6`,
//! `gethostname` and the pure conversions (htons, inet_aton, ...). Name resolution
//! (getaddrinfo, gethostbyname, ...) raises OSError(ENOTSUP) as socket creation does.
use super::typesmod::{cached_class, native_class, Method};
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{type_error, value_error, Exc};
use crate::objects::str::nargs;
use crate::{ops, Obj, PyResult};
use std::cell::{Cell, RefCell};

/// ENOTSUP on Linux (and WASI's errno table).
const ENOTSUP: i64 = 95;

static CONSTS: &[(&str, i64)] = &[
    ("AF_UNSPEC", 0), ("AF_UNIX", 1), ("AF_INET", 2), ("AF_INET6", 10),
    ("SOCK_STREAM", 1), ("SOCK_DGRAM", 2), ("SOCK_RAW", 3), ("SOCK_RDM", 4), ("SOCK_SEQPACKET", 5),
    ("SOCK_NONBLOCK", 2048), ("SOCK_CLOEXEC", 524288),
    ("SOL_SOCKET", 1), ("SO_DEBUG", 1), ("SO_REUSEADDR", 2), ("SO_TYPE", 3), ("SO_ERROR", 4),
    ("SO_DONTROUTE", 5), ("SO_BROADCAST", 6), ("SO_SNDBUF", 7), ("SO_RCVBUF", 8),
    ("SO_KEEPALIVE", 9), ("SO_OOBINLINE", 10), ("SO_LINGER", 13), ("SO_REUSEPORT", 15),
    ("SO_RCVLOWAT", 18), ("SO_SNDLOWAT", 19), ("SO_RCVTIMEO", 20), ("SO_SNDTIMEO", 21),
    ("SO_ACCEPTCONN", 30), ("SOMAXCONN", 4096),
    ("IPPROTO_IP", 0), ("IPPROTO_ICMP", 1), ("IPPROTO_TCP", 6), ("IPPROTO_UDP", 17),
    ("IPPROTO_IPV6", 41), ("IPPROTO_ICMPV6", 58), ("IPPROTO_RAW", 255),
    ("TCP_NODELAY", 1), ("TCP_MAXSEG", 2), ("TCP_KEEPIDLE", 4), ("TCP_KEEPINTVL", 5), ("TCP_KEEPCNT", 6),
    ("IP_TOS", 1), ("IP_TTL", 2), ("IP_MULTICAST_TTL", 33), ("IP_MULTICAST_LOOP", 34),
    ("IP_ADD_MEMBERSHIP", 35), ("IP_DROP_MEMBERSHIP", 36),
    ("IPV6_V6ONLY", 26), ("IPV6_UNICAST_HOPS", 16), ("IPV6_MULTICAST_HOPS", 18),
    ("MSG_OOB", 1), ("MSG_PEEK", 2), ("MSG_DONTROUTE", 4), ("MSG_CTRUNC", 8), ("MSG_TRUNC", 32),
    ("MSG_DONTWAIT", 64), ("MSG_EOR", 128), ("MSG_WAITALL", 256), ("MSG_NOSIGNAL", 16384),
    ("AI_PASSIVE", 1), ("AI_CANONNAME", 2), ("AI_NUMERICHOST", 4), ("AI_V4MAPPED", 8),
    ("AI_ALL", 16), ("AI_ADDRCONFIG", 32), ("AI_NUMERICSERV", 1024),
    ("NI_NUMERICHOST", 1), ("NI_NUMERICSERV", 2), ("NI_NOFQDN", 4), ("NI_NAMEREQD", 8),
    ("NI_DGRAM", 16), ("NI_MAXHOST", 1025), ("NI_MAXSERV", 32),
    ("EAI_BADFLAGS", -1), ("EAI_NONAME", -2), ("EAI_AGAIN", -3), ("EAI_FAIL", -4),
    ("EAI_NODATA", -5), ("EAI_FAMILY", -6), ("EAI_SOCKTYPE", -7), ("EAI_SERVICE", -8),
    ("EAI_ADDRFAMILY", -9), ("EAI_MEMORY", -10), ("EAI_SYSTEM", -11), ("EAI_OVERFLOW", -12),
    ("SHUT_RD", 0), ("SHUT_WR", 1), ("SHUT_RDWR", 2),
    ("INADDR_ANY", 0), ("INADDR_BROADCAST", 0xffff_ffff), ("INADDR_LOOPBACK", 0x7f00_0001),
    ("INADDR_NONE", 0xffff_ffff),
];

thread_local! {
    static HERROR: RefCell<Option<Obj>> = RefCell::new(None);
    static GAIERROR: RefCell<Option<Obj>> = RefCell::new(None);
    static SOCKET: RefCell<Option<Obj>> = RefCell::new(None);
    /// getdefaulttimeout(): None or the seconds (-1.0 for None)
    static DEFAULT_TIMEOUT: Cell<f64> = Cell::new(-1.0);
}

fn os_error_class(name: &str) -> PyResult {
    let ns = new_dict();
    dict_set(&ns, Obj::str("__module__"), Obj::str("socket"))?;
    crate::objects::typeobj::new_class(name, vec![crate::objects::exc_types::OS_ERROR.obj()], ns, "socket")
}

fn make_herror() -> PyResult {
    os_error_class("herror")
}

fn make_gaierror() -> PyResult {
    os_error_class("gaierror")
}

fn not_supported() -> Exc {
    super::posix::os_error(ENOTSUP, None, None)
}

fn socket_init(_this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    // no sockets under WASI: CPython's socket() fails the same way there
    Err(not_supported())
}

fn make_socket_type() -> PyResult {
    let methods: &[(&'static str, Method)] = &[("__init__", socket_init)];
    native_class("socket", "_socket", vec![], methods, &[])
}

fn no_network(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(not_supported())
}

fn getdefaulttimeout(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("getdefaulttimeout", a, 0, 0)?;
    let t = DEFAULT_TIMEOUT.with(|t| t.get());
    Ok(if t < 0.0 { Obj::none() } else { Obj::float(t) })
}

fn setdefaulttimeout(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("setdefaulttimeout", a, 1, 1)?;
    let t = if a[0].is_none() {
        -1.0
    } else {
        let s = match crate::objects::float::as_float(&a[0]) {
            Some(f) => f,
            None => ops::index_value(&a[0])? as f64,
        };
        if s.is_nan() {
            return Err(value_error("Invalid value NaN (not a number)"));
        }
        if s < 0.0 {
            return Err(value_error("Timeout value out of range"));
        }
        s
    };
    DEFAULT_TIMEOUT.with(|c| c.set(t));
    Ok(Obj::none())
}

fn gethostname(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("gethostname", a, 0, 0)?;
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "localhost".to_string());
    Ok(Obj::string(name))
}

fn int_arg(fname: &str, o: &Obj, bits: u32) -> PyResult<u64> {
    let v = ops::index_value(o)?;
    if v < 0 {
        return Err(crate::objects::exceptions::new_exc(&crate::objects::exceptions::OVERFLOW_ERROR, format!("{}: can't convert negative Python int to C {}", fname, if bits == 16 { "16-bit unsigned integer" } else { "unsigned long" })));
    }
    if bits == 16 && v > 0xffff {
        return Err(crate::objects::exceptions::new_exc(&crate::objects::exceptions::OVERFLOW_ERROR, format!("{}: Python int too large to convert to C 16-bit unsigned integer", fname)));
    }
    if bits == 32 && v > 0xffff_ffff {
        return Err(crate::objects::exceptions::new_exc(&crate::objects::exceptions::OVERFLOW_ERROR, "int larger than 32 bits".to_string()));
    }
    Ok(v as u64)
}

fn htons(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("htons", a, 1, 1)?;
    Ok(Obj::int((int_arg("htons", &a[0], 16)? as u16).swap_bytes() as i64))
}

fn ntohs(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("ntohs", a, 1, 1)?;
    Ok(Obj::int((int_arg("ntohs", &a[0], 16)? as u16).swap_bytes() as i64))
}

fn htonl(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("htonl", a, 1, 1)?;
    Ok(Obj::int((int_arg("htonl", &a[0], 32)? as u32).swap_bytes() as i64))
}

fn ntohl(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("ntohl", a, 1, 1)?;
    Ok(Obj::int((int_arg("ntohl", &a[0], 32)? as u32).swap_bytes() as i64))
}

/// inet_aton's parse (a, a.b, a.b.c or a.b.c.d; decimal, 0x hex or 0 octal parts).
fn parse_aton(s: &str) -> Option<u32> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let mut vals = Vec::new();
    for p in &parts {
        let v = if let Some(h) = p.strip_prefix("0x").or_else(|| p.strip_prefix("0X")) {
            if h.is_empty() { 0 } else { u64::from_str_radix(h, 16).ok()? }
        } else if p.len() > 1 && p.starts_with('0') {
            u64::from_str_radix(&p[1..], 8).ok()?
        } else {
            if p.is_empty() {
                return None;
            }
            p.parse::<u64>().ok()?
        };
        vals.push(v);
    }
    let n = vals.len();
    let last_max: u64 = [0xffff_ffff, 0xff_ffff, 0xffff, 0xff][n - 1];
    if vals[..n - 1].iter().any(|v| *v > 0xff) || vals[n - 1] > last_max {
        return None;
    }
    let mut r: u64 = 0;
    for (i, v) in vals[..n - 1].iter().enumerate() {
        r |= v << (24 - 8 * i);
    }
    Some((r | vals[n - 1]) as u32)
}

fn inet_aton(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("inet_aton", a, 1, 1)?;
    let s = a[0].as_str().ok_or_else(|| type_error(format!("inet_aton() argument 1 must be str, not {}", a[0].type_name())))?;
    match parse_aton(s) {
        Some(v) => Ok(Obj::bytes(&v.to_be_bytes())),
        None => Err(crate::objects::exceptions::new_exc(&crate::objects::exc_types::OS_ERROR, "illegal IP address string passed to inet_aton")),
    }
}

fn inet_ntoa(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("inet_ntoa", a, 1, 1)?;
    let b = crate::objects::bytes::as_bytes(&a[0]).ok_or_else(|| type_error(format!("a bytes-like object is required, not '{}'", a[0].type_name())))?;
    if b.len() != 4 {
        return Err(crate::objects::exceptions::new_exc(&crate::objects::exc_types::OS_ERROR, "packed IP wrong length for inet_ntoa"));
    }
    Ok(Obj::string(format!("{}.{}.{}.{}", b[0], b[1], b[2], b[3])))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_socket"))?;
    let fns: &[(&str, BuiltinFn)] = &[
        ("getdefaulttimeout", getdefaulttimeout),
        ("setdefaulttimeout", setdefaulttimeout),
        ("gethostname", gethostname),
        ("htons", htons),
        ("ntohs", ntohs),
        ("htonl", htonl),
        ("ntohl", ntohl),
        ("inet_aton", inet_aton),
        ("inet_ntoa", inet_ntoa),
        ("getaddrinfo", no_network),
        ("getnameinfo", no_network),
        ("gethostbyname", no_network),
        ("gethostbyname_ex", no_network),
        ("gethostbyaddr", no_network),
        ("getservbyname", no_network),
        ("getservbyport", no_network),
        ("getprotobyname", no_network),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    let sock = cached_class(&SOCKET, make_socket_type)?;
    dict_set(&d, Obj::str("socket"), sock.clone())?;
    dict_set(&d, Obj::str("SocketType"), sock)?;
    dict_set(&d, Obj::str("error"), crate::objects::exc_types::OS_ERROR.obj())?;
    dict_set(&d, Obj::str("timeout"), crate::objects::exc_types::TIMEOUT_ERROR.obj())?;
    dict_set(&d, Obj::str("herror"), cached_class(&HERROR, make_herror)?)?;
    dict_set(&d, Obj::str("gaierror"), cached_class(&GAIERROR, make_gaierror)?)?;
    dict_set(&d, Obj::str("has_ipv6"), Obj::bool(true))?;
    for (n, v) in CONSTS {
        dict_set(&d, Obj::str(n), Obj::int(*v))?;
    }
    Ok(crate::objects::module::new_module("_socket", d))
}
