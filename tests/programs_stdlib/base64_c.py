import base64

T = [
    ('base64.b64encode(b"hello world")', lambda: base64.b64encode(b"hello world")),
    ('base64.b64decode(b"aGVsbG8gd29ybGQ=")', lambda: base64.b64decode(b"aGVsbG8gd29ybGQ=")),
    ('base64.b64decode("aGVsbG8=", validate=True)', lambda: base64.b64decode("aGVsbG8=", validate=True)),
    ('base64.b64decode(b"aGVs!bG8=", validate=True)', lambda: base64.b64decode(b"aGVs!bG8=", validate=True)),
    ('base64.urlsafe_b64encode(b"\\xfb\\xff")', lambda: base64.urlsafe_b64encode(b"\xfb\xff")),
    ('base64.urlsafe_b64decode(b"-_8=")', lambda: base64.urlsafe_b64decode(b"-_8=")),
    ('base64.standard_b64encode(b"x")', lambda: base64.standard_b64encode(b"x")),
    ('base64.b16encode(b"\\x01\\xab")', lambda: base64.b16encode(b"\x01\xab")),
    ('base64.b16decode(b"01AB")', lambda: base64.b16decode(b"01AB")),
    ('base64.b16decode(b"01ab")', lambda: base64.b16decode(b"01ab")),
    ('base64.b32encode(b"hello")', lambda: base64.b32encode(b"hello")),
    ('base64.b32decode(b"NBSWY3DP")', lambda: base64.b32decode(b"NBSWY3DP")),
    ('base64.b32hexencode(b"hi")', lambda: base64.b32hexencode(b"hi")),
    ('base64.b85encode(b"hello")', lambda: base64.b85encode(b"hello")),
    ('base64.b85decode(b"Xk~0{Zv")', lambda: base64.b85decode(b"Xk~0{Zv")),
    ('base64.a85encode(b"hello")', lambda: base64.a85encode(b"hello")),
    ('base64.a85decode(b"BOu!rDZ")', lambda: base64.a85decode(b"BOu!rDZ")),
    ('base64.encodebytes(b"x" * 60)', lambda: base64.encodebytes(b"x" * 60)),
    ('base64.decodebytes(b"eHh4\\n")', lambda: base64.decodebytes(b"eHh4\n")),
    ('base64.b64encode("str")', lambda: base64.b64encode("str")),
]
for t, f in T:
    try:
        print(t, '->', repr(f()))
    except Exception as e:
        print(t, '->', type(e).__name__, e)
data = bytes(range(256)) * 3
print(base64.b64decode(base64.b64encode(data)) == data)
