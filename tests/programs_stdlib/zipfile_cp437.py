# zipfile decodes the names of members without the UTF-8 flag as cp437: the codec module a
# stdlib module names by a constant is compiled in
import io
import zipfile

buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
    zf.writestr("a.txt", "hello " * 20)
    zf.writestr("dir/b.bin", bytes(range(10)))
    zf.writestr("caf\u00e9.txt", "utf-8 name")
with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
    print(zf.namelist(), [i.file_size for i in zf.infolist()], [i.flag_bits & 0x800 for i in zf.infolist()])
    print(zf.read("a.txt")[:12], zf.read("dir/b.bin"), zf.testzip())
