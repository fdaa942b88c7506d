# zipimport imports importlib's bootstrap modules under the names CPython freezes them as
# (_frozen_importlib, _frozen_importlib_external): they are importlib._bootstrap(_external),
# keeping their own names; jinja2.loaders imports zipimport
import sys
import zipimport
import _frozen_importlib_external
import _frozen_importlib
import importlib
import importlib.abc

print(_frozen_importlib_external is sys.modules["importlib._bootstrap_external"])
print(_frozen_importlib is sys.modules["importlib._bootstrap"], importlib._bootstrap is _frozen_importlib)
print(_frozen_importlib.__name__, _frozen_importlib_external.__name__)
print(zipimport.zipimporter.__name__, issubclass(zipimport.ZipImportError, ImportError))
print(_frozen_importlib_external._unpack_uint16(b"\x01\x02"), zipimport._unpack_uint32(b"\x01\x00\x00\x00"))
try:
    zipimport.zipimporter("/no/such/archive.zip")
except zipimport.ZipImportError as e:
    print("ZipImportError", e)
print(issubclass(importlib.machinery.SourceFileLoader, importlib.abc.Loader))
