# uuid3/uuid5 import md5/sha1 from hashlib inside the function, and hashlib imports _md5,
# _sha1, ... inside a function it calls at import time
import uuid

for ns in (uuid.NAMESPACE_DNS, uuid.NAMESPACE_URL, uuid.NAMESPACE_OID):
    for name in ("python.org", "example.com/a?b", ""):
        print(uuid.uuid3(ns, name), uuid.uuid5(ns, name))
u = uuid.UUID("12345678-1234-5678-1234-567812345678")
print(u.hex, u.int, u.version, u.variant, u.urn, repr(u), u.fields, u.bytes_le.hex())
print(uuid.UUID(bytes=bytes(range(16))), uuid.UUID(int=1 << 100), uuid.UUID("{00010203-0405-0607-0809-0a0b0c0d0e0f}") == uuid.UUID(bytes=bytes(range(16))))
r = uuid.uuid4()
print(r.version, r.variant, len(str(r)))
try:
    uuid.UUID("not-a-uuid")
except ValueError as e:
    print("ValueError", e)
