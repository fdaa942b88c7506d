"""A real interpreter's tokenize (the C tokenizer on 3.12+) over source files, one JSON line
per token (kind, string, start row/col, end row/col, line) or error, in the format of
tools/tokenizer_harness.rs, which runs the runtime's lexer on the same files.

    python3.13 tools/tokenizer_reference.py FILE.py ...       tokens of FILEs to stdout
    python3.13 tools/tokenizer_reference.py --stdlib OUT [TOOLS]
        OUT/N.py: the interpreter's own stdlib sources (the UTF-8 ones; check_marshal_reader's
        walk, read from TOOLS, by default this file's folder), OUT/reference.txt: their tokens
"""
import importlib.util
import io
import json
import os
import sys
import tokenize
import warnings

KIND = {"ENDMARKER": "EndMarker", "NAME": "Name", "NUMBER": "Number", "STRING": "Str",
        "NEWLINE": "Newline", "INDENT": "Indent", "DEDENT": "Dedent", "OP": "Op",
        "COMMENT": "Comment", "NL": "Nl", "FSTRING_START": "FStart", "FSTRING_MIDDLE": "FMiddle",
        "FSTRING_END": "FEnd", "TSTRING_START": "TStart", "TSTRING_MIDDLE": "TMiddle",
        "TSTRING_END": "TEnd"}


def dump(path: str, src: str, out) -> None:
    print("#", path, file=out)
    try:
        for t in tokenize.generate_tokens(io.StringIO(src).readline):
            name = tokenize.tok_name[t.type]
            print(json.dumps([KIND.get(name, name), t.string, *t.start, *t.end, t.line],
                             ensure_ascii=False), file=out)
    except tokenize.TokenError as e:
        print(json.dumps(["ERR", "TokenError", e.args[0], *e.args[1]], ensure_ascii=False), file=out)
    except IndentationError as e:
        print(json.dumps(["ERR", type(e).__name__, e.msg, e.lineno, e.offset], ensure_ascii=False),
              file=out)


def stdlib(out_dir: str, here: str) -> None:
    spec = importlib.util.spec_from_file_location("check_marshal_reader",
                                                  os.path.join(here, "check_marshal_reader.py"))
    walker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(walker)
    with open(os.path.join(out_dir, "reference.txt"), "w", encoding="utf-8") as out:
        n = 0
        for _rel, source in walker.stdlib_sources():
            try:
                src = source.decode("utf-8")
            except UnicodeDecodeError:
                continue
            path = os.path.join(out_dir, f"{n}.py")
            with open(path, "wb") as fh:
                fh.write(source)
            dump(path, src, out)
            n += 1


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    if sys.argv[1] == "--stdlib":
        stdlib(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else os.path.dirname(os.path.abspath(__file__)))
    else:
        for p in sys.argv[1:]:
            with open(p, encoding="utf-8", newline="") as fh:
                dump(p, fh.read(), sys.stdout)
