"""Generates runtime/src/modules/unicodedata.deflate, the data behind the runtime's
`unicodedata` module, from the host CPython's own unicodedata (Unicode 14.0.0 for CPython 3.11).
The layout below is stored as raw DEFLATE (zlib level 9, 511 KB -> 204 KB of wasm data); the
runtime inflates it once, when the module first needs its database.

Layout (little-endian): the version string; the category / bidirectional / east asian width
name lists; property records (category, bidi, eaw, mirrored, combining) and the ranges of
code points sharing one; decompositions; numeric values; the canonical composition pairs;
character names as word indices (LEB128, by code point delta) into a word list sorted by frequency (CJK ideographs, Hangul syllables and Tangut
ideographs are named algorithmically by the runtime and left out).

    python3 tools/gen_unicodedata.py
"""
import struct
import zlib
import sys
import unicodedata as u
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "runtime" / "src" / "modules" / "unicodedata.deflate"
ALGORITHMIC = ("CJK UNIFIED IDEOGRAPH-", "HANGUL SYLLABLE ", "TANGUT IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-",
               "KHITAN SMALL SCRIPT CHARACTER-", "NUSHU CHARACTER-")


def s(b: bytes) -> bytes:
    return struct.pack("<B", len(b)) + b


def leb(n: int) -> bytes:
    """unsigned LEB128"""
    b = bytearray()
    while True:
        x, n = n & 0x7F, n >> 7
        b.append(x | (0x80 if n else 0))
        if not n:
            return bytes(b)


def main() -> None:
    out = bytearray()
    out += s(u.unidata_version.encode())
    cats, bidis, eaws = [], [], []
    recs, rec_index, ranges = [], {}, []
    prev = None
    for cp in range(0x110000):
        c = chr(cp)
        fields = (u.category(c), u.bidirectional(c), u.east_asian_width(c), u.mirrored(c), u.combining(c))
        for lst, v in ((cats, fields[0]), (bidis, fields[1]), (eaws, fields[2])):
            if v not in lst:
                lst.append(v)
        rec = (cats.index(fields[0]), bidis.index(fields[1]), eaws.index(fields[2]), fields[3], fields[4])
        if rec not in rec_index:
            rec_index[rec] = len(recs)
            recs.append(rec)
        if rec != prev:
            ranges.append((cp, rec_index[rec]))
            prev = rec
    for lst in (cats, bidis, eaws):
        out += struct.pack("<B", len(lst)) + b"".join(s(x.encode()) for x in lst)
    out += struct.pack("<H", len(recs)) + b"".join(struct.pack("<5B", *r) for r in recs)
    out += struct.pack("<I", len(ranges)) + b"".join(struct.pack("<IH", cp, r) for cp, r in ranges)
    decomp = [(cp, u.decomposition(chr(cp))) for cp in range(0x110000) if u.decomposition(chr(cp))]
    out += struct.pack("<I", len(decomp)) + b"".join(struct.pack("<I", cp) + s(d.encode()) for cp, d in decomp)
    nums = []
    for cp in range(0x110000):
        c = chr(cp)
        n = u.numeric(c, None)
        if n is not None:
            nums.append(struct.pack("<Ibbd", cp, u.decimal(c, -1), u.digit(c, -1), n))
    out += struct.pack("<I", len(nums)) + b"".join(nums)
    comps = []
    for cp, d in decomp:
        if d.startswith("<"):
            continue
        parts = [int(x, 16) for x in d.split()]
        if len(parts) == 2 and u.normalize("NFC", chr(parts[0]) + chr(parts[1])) == chr(cp):
            comps.append(struct.pack("<III", parts[0], parts[1], cp))
    out += struct.pack("<I", len(comps)) + b"".join(comps)
    names = []
    for cp in range(0x110000):
        n = u.name(chr(cp), "")
        if n and not n.startswith(ALGORITHMIC):
            names.append((cp, n.split(" ")))
    freq = {}
    for _, ws in names:
        for w in ws:
            freq[w] = freq.get(w, 0) + 1
    words = sorted(freq, key=lambda w: (-freq[w], w))  # frequent words get one-byte indices
    widx = {w: i for i, w in enumerate(words)}
    out += struct.pack("<H", len(words)) + b"".join(s(w.encode()) for w in words)
    out += struct.pack("<I", len(names))
    last = 0
    for cp, ws in names:
        out += leb(cp - last) + struct.pack("<B", len(ws)) + b"".join(leb(widx[w]) for w in ws)
        last = cp
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = z.compress(bytes(out)) + z.flush()
    OUT.write_bytes(packed)
    print(f"{OUT}: {len(packed)} bytes ({len(out)} inflated), {len(ranges)} ranges, {len(decomp)} decompositions, {len(names)} names", file=sys.stderr)


if __name__ == "__main__":
    main()
