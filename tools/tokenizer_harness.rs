//! The runtime's lexer (runtime/src/modules/pylexer.rs) on its own, for checking it against a
//! real interpreter's C tokenizer without building the runtime: prints each file's tokens in
//! the format of tools/tokenizer_reference.py, which prints the interpreter's.
//!
//!     rustc -O --edition 2021 -o H tools/tokenizer_harness.rs
//!     MINOR=13 ./H FILE.py ... > ours.txt
//!     python3.13 tools/tokenizer_reference.py FILE.py ... > theirs.txt
//!
//! tests/test_versions.py::test_lexer_matches_each_c_tokenizer runs it over each version's
//! whole stdlib.
#[path = "../runtime/src/modules/pylexer.rs"]
#[allow(dead_code)]
mod pylexer;
use pylexer::*;

fn js(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            '\x0c' => o.push_str("\\f"),
            '\x08' => o.push_str("\\b"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn main() {
    let minor: u32 = std::env::var("MINOR").ok().and_then(|s| s.parse().ok()).unwrap_or(13);
    for path in std::env::args().skip(1) {
        let src = std::fs::read_to_string(&path).unwrap();
        let mut lines: Vec<String> = Vec::new();
        let mut cur = String::new();
        for c in src.chars() {
            cur.push(c);
            if c == '\n' { lines.push(std::mem::take(&mut cur)); }
        }
        if !cur.is_empty() { lines.push(cur); }
        let mut it = lines.into_iter();
        let mut lx = Lexer::new(move || -> Result<Option<String>, ()> { Ok(it.next()) }, Dialect { minor });
        println!("# {}", path);
        loop {
            match lx.next_token() {
                Ok(Some(t)) => println!("[{}, {}, {}, {}, {}, {}, {}]", js(&format!("{:?}", t.kind)), js(&t.text), t.start.0, t.start.1, t.end.0, t.end.1, js(&t.line)),
                Ok(None) => break,
                Err(LexError::Read(_)) => { println!("READERR"); break }
                Err(LexError::Lex { kind, msg, lineno, offset, .. }) => {
                    let (k, m) = match kind {
                        ErrKind::Syntax => ("TokenError", if msg.contains("unterminated triple-quoted string literal") { "EOF in multi-line string".to_string() } else { msg }),
                        ErrKind::Indentation => ("IndentationError", msg),
                        ErrKind::Tab => ("TabError", msg),
                    };
                    println!("[\"ERR\", {}, {}, {}, {}]", js(k), js(&m), lineno, offset);
                    break;
                }
            }
        }
    }
}
