# slow: the first build compiles ~40-110 modules (site and stdlib)
from packaging.version import Version, InvalidVersion, parse
from packaging.specifiers import SpecifierSet, Specifier
from packaging.requirements import Requirement
from packaging.markers import Marker
from packaging.utils import canonicalize_name, parse_wheel_filename

versions = [Version(v) for v in ["1.0", "1.0.post1", "1.0a1", "1.0rc2", "2.0.dev3", "1.10", "1.9",
                                 "1!0.5", "1.0+local.7"]]
print([str(v) for v in sorted(versions)])
v = Version("1.2.3rc1.post2.dev4+abc")
print(v.major, v.minor, v.micro, v.pre, v.post, v.dev, v.local, v.is_prerelease, v.public,
      v.base_version, repr(v))
try:
    Version("not a version")
except InvalidVersion as e:
    print("InvalidVersion:", e)
spec = SpecifierSet(">=1.0,!=1.5.*,<2")
print(spec, [str(x) for x in spec.filter(["0.9", "1.0", "1.5.2", "1.6", "2.0", "1.7a1"])])
print("1.6" in spec, "1.5.1" in spec, Specifier("~=1.4.2").contains("1.4.9"))
req = Requirement('Requests[security,socks] >=2.8.1, ==2.8.* ; python_version < "3.12"')
print(req.name, sorted(req.extras), req.specifier, req.marker, req.url)
m = Marker('os_name == "posix" and (python_version >= "3.8" or extra == "x")')
print(m.evaluate({"os_name": "posix", "python_version": "3.11", "extra": ""}),
      m.evaluate({"os_name": "nt", "python_version": "3.11", "extra": ""}))
name, ver, build, tags = parse_wheel_filename("pkg_x-1.0-py3-none-any.whl")
print(canonicalize_name("Foo.Bar_baz"), name, ver, build, sorted(str(t) for t in tags))
print(parse("1.0") < parse("1.0.1"), Version("1.0") == Version("1.0.0"), hash(Version("1")) == hash(Version("1.0")))
