import binascii as b

T = [
    ('b.unhexlify(b"abc")', lambda: b.unhexlify(b"abc")),
    ('b.unhexlify(b"zz")', lambda: b.unhexlify(b"zz")),
    ('b.unhexlify("\\xe9")', lambda: b.unhexlify("\xe9")),
    ('b.a2b_base64(b"abc")', lambda: b.a2b_base64(b"abc")),
    ('b.a2b_base64(b"abcde")', lambda: b.a2b_base64(b"abcde")),
    ('b.a2b_base64(b"ab=c")', lambda: b.a2b_base64(b"ab=c")),
    ('b.a2b_base64(b"YWJj")', lambda: b.a2b_base64(b"YWJj")),
    ('b.a2b_base64(b"YW Jj!!")', lambda: b.a2b_base64(b"YW Jj!!")),
    ('b.a2b_base64(b"YQ==YQ==")', lambda: b.a2b_base64(b"YQ==YQ==")),
    ('b.a2b_base64(b"YQ")', lambda: b.a2b_base64(b"YQ")),
    ('b.a2b_base64(b"YQ=")', lambda: b.a2b_base64(b"YQ=")),
    ('b.a2b_base64(b"YQ===")', lambda: b.a2b_base64(b"YQ===")),
    ('b.a2b_base64(b"=YQ==")', lambda: b.a2b_base64(b"=YQ==")),
    ('b.a2b_base64(b"YQ==", strict_mode=True)', lambda: b.a2b_base64(b"YQ==", strict_mode=True)),
    ('b.a2b_base64(b"YQ== ", strict_mode=True)', lambda: b.a2b_base64(b"YQ== ", strict_mode=True)),
    ('b.a2b_base64(b"=YQ==", strict_mode=True)', lambda: b.a2b_base64(b"=YQ==", strict_mode=True)),
    ('b.a2b_base64(b"Y=Q=", strict_mode=True)', lambda: b.a2b_base64(b"Y=Q=", strict_mode=True)),
    ('b.a2b_base64(b"YQ=a", strict_mode=True)', lambda: b.a2b_base64(b"YQ=a", strict_mode=True)),
    ('b.a2b_base64(b"Y", strict_mode=True)', lambda: b.a2b_base64(b"Y", strict_mode=True)),
    ('b.a2b_base64(b"YQ!=", strict_mode=True)', lambda: b.a2b_base64(b"YQ!=", strict_mode=True)),
    ('b.a2b_base64(b"YQ===", strict_mode=True)', lambda: b.a2b_base64(b"YQ===", strict_mode=True)),
    ('b.b2a_base64(b"abcd")', lambda: b.b2a_base64(b"abcd")),
    ('b.b2a_base64(b"abcd", newline=False)', lambda: b.b2a_base64(b"abcd", newline=False)),
    ('b.b2a_base64("x")', lambda: b.b2a_base64("x")),
    ('b.hexlify(b"abc", "-")', lambda: b.hexlify(b"abc", "-")),
    ('b.hexlify(b"abcdef", b":", 2)', lambda: b.hexlify(b"abcdef", b":", 2)),
    ('b.hexlify(b"abcdef", ":", -4)', lambda: b.hexlify(b"abcdef", ":", -4)),
    ('b.hexlify(b"abcde", ":", 2)', lambda: b.hexlify(b"abcde", ":", 2)),
    ('b.hexlify(b"abc", "--")', lambda: b.hexlify(b"abc", "--")),
    ('b.hexlify("x")', lambda: b.hexlify("x")),
    ('b.hexlify(b"")', lambda: b.hexlify(b"")),
    ('b.crc32(b"hello")', lambda: b.crc32(b"hello")),
    ('b.crc32(b"hello", 1)', lambda: b.crc32(b"hello", 1)),
    ('b.crc_hqx(b"hello", 0)', lambda: b.crc_hqx(b"hello", 0)),
    ('b.crc32("x")', lambda: b.crc32("x")),
    ('b.b2a_hex(b"\\x01\\xff")', lambda: b.b2a_hex(b"\x01\xff")),
    ('b.Error.__mro__', lambda: b.Error.__mro__),
    ('b.Incomplete.__mro__', lambda: b.Incomplete.__mro__),
    ('b.a2b_hex("0a0B")', lambda: b.a2b_hex("0a0B")),
    ('b.b2a_uu(b"hi")', lambda: b.b2a_uu(b"hi")),
    ('b.b2a_uu(b"")', lambda: b.b2a_uu(b"")),
    ('b.b2a_uu(b"\\x00ab", backtick=True)', lambda: b.b2a_uu(b"\x00ab", backtick=True)),
    ('b.a2b_uu(b"\\":&D \\n")', lambda: b.a2b_uu(b"\":&D \n")),
    ('b.a2b_uu(b"")', lambda: b.a2b_uu(b"")),
    ('b.a2b_uu(b.b2a_uu(b"hello world, this is uu"))', lambda: b.a2b_uu(b.b2a_uu(b"hello world, this is uu"))),
    ('b.crc32(b"", 2**40)', lambda: b.crc32(b"", 2**40)),
    ('b.crc_hqx(b"a", -1)', lambda: b.crc_hqx(b"a", -1)),
    ('b.unhexlify(5)', lambda: b.unhexlify(5)),
    ('b.a2b_base64(5)', lambda: b.a2b_base64(5)),
    ('b.crc32(b"abc", -1)', lambda: b.crc32(b"abc", -1)),
    ('b.b2a_uu(b"x" * 46)', lambda: b.b2a_uu(b"x" * 46)),
]
for t, f in T:
    try:
        print(t, '->', repr(f()))
    except Exception as e:
        print(t, '->', type(e).__name__, e)
data = bytes(range(256)) * 3
for n in range(0, 12):
    enc = b.b2a_base64(data[:n])
    assert b.a2b_base64(enc) == data[:n], n
print(b.crc32(data), b.crc_hqx(data, 0xffff))
try:
    b.unhexlify(b"0")
except b.Error as e:
    print("Error", e, isinstance(e, ValueError))
