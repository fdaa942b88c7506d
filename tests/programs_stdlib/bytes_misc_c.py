# bytes/bytearray methods base64 and hmac need, set.__contains__, sys.hash_info
import sys
t = bytes.maketrans(b'+/', b'-_')
print(len(t), t[43:48], b'a+b/c'.translate(t), b'a+b/c'.translate(None, b'+'))
print(bytearray.maketrans(b'ab', b'xy')[97:99], type(bytearray.maketrans(b'', b'')).__name__)
for bad in [(b'a', b'bc'), ('a', b'b')]:
    try:
        bytes.maketrans(*bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(b'ab'.ljust(5, b'-'), b'ab'.rjust(5), b'ab'.center(6, b'*'), b'abc'.center(6, b'*'), b'ab'.center(5, b'*'))
print(bytearray(b'x').ljust(3), b'abc'.ljust(2), bytearray(b'q').center(4, b'.'))
try:
    b'a'.ljust(3, b'xy')
except TypeError as e:
    print(e)
ba = bytearray(b'hello world')
ba[0:5] = b'HELLO'
ba[-1:] = [68]
ba[::2] = b'abcdef'
print(ba, ba.copy(), ba.copy() is ba)
ba[2:4] = b''
print(ba)
try:
    ba[::2] = b'x'
except ValueError as e:
    print(e)
s, fs = {1, 2}, frozenset('ab')
print(s.__contains__(1), fs.__contains__('z'), frozenset(['if']).__contains__('if'))
h = sys.hash_info
print(h.width, h.modulus, h.inf, h.nan, h.imag, hash(float('inf')) == h.inf, type(h).__name__)
