import hashlib

algos = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_224", "sha3_256", "sha3_384", "sha3_512",
         "blake2b", "blake2s"]
msgs = [b"", b"abc", b"a" * 55, b"a" * 56, b"a" * 64, b"a" * 111, b"a" * 112, b"a" * 128, bytes(range(256)) * 5]
for name in algos:
    ctor = getattr(hashlib, name)
    for m in msgs:
        print(name, len(m), ctor(m).hexdigest())
    h = ctor(b"part one ")
    c = h.copy()
    h.update(b"part two")
    print(name, h.name, h.digest_size, h.block_size, h.hexdigest() == ctor(b"part one part two").hexdigest(),
          c.hexdigest() == ctor(b"part one ").hexdigest(), h.digest()[:4])
    h2 = hashlib.new(name)
    for i in range(300):
        h2.update(bytes([i % 256]) * (i % 7))
    print(name, "stream", h2.hexdigest())
for n in (128, 256):
    s = getattr(hashlib, "shake_%d" % n)
    print(n, s(b"").hexdigest(16), s(b"abc").hexdigest(200)[-20:], s(b"x" * 500).digest(3), s().digest_size, s().block_size, s().name)
print(hashlib.blake2b(b"x", digest_size=20, key=b"key", salt=b"salt", person=b"me").hexdigest())
print(hashlib.blake2s(b"x", digest_size=7, key=b"k" * 32, salt=b"s" * 8, person=b"p" * 8).hexdigest())
print(hashlib.blake2b(b"tree", fanout=2, depth=3, leaf_size=4096, node_offset=5, node_depth=1, inner_size=32, last_node=True).hexdigest())
print(hashlib.blake2s(b"tree", fanout=0, depth=2, leaf_size=1, node_offset=2**40, node_depth=2, inner_size=16, last_node=True).hexdigest())
print(hashlib.blake2b(key=b"k" * 64).hexdigest()[:16], hashlib.blake2b(b"y" * 128, key=b"k").hexdigest()[:16])
for f in [lambda: hashlib.md5("x"), lambda: hashlib.md5(5), lambda: hashlib.shake_128(b"x").hexdigest(),
          lambda: hashlib.blake2b(digest_size=65), lambda: hashlib.blake2b(key=b"k" * 65), lambda: hashlib.blake2s(salt=b"s" * 9),
          lambda: hashlib.new("md5", b"a").hexdigest(), lambda: hashlib.new("nope"), lambda: hashlib.sha256().update("s"),
          lambda: hashlib.md5(b"a", usedforsecurity=False).hexdigest(), lambda: hashlib.sha1(string=b"a").hexdigest()]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(sorted(hashlib.algorithms_guaranteed))
