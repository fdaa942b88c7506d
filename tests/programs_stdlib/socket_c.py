# socket over the native _socket (CPython's C module; on WASI a program has no network, so only
# what needs none is exercised here): the constants and the enums socket.py builds from them,
# the exception classes, the default timeout, byte-order and address conversions.
import socket

print(socket.AF_INET, socket.AF_INET6, socket.SOCK_STREAM, socket.SOCK_DGRAM, socket.SOL_SOCKET)
print(repr(socket.AF_INET), repr(socket.SOCK_DGRAM), socket.AddressFamily(10).name)
print(socket.MsgFlag.MSG_PEEK | socket.MsgFlag.MSG_OOB, socket.AddressInfo.AI_PASSIVE.value)
print(socket.error is OSError, socket.timeout is TimeoutError)
print(issubclass(socket.gaierror, OSError), issubclass(socket.herror, OSError), socket.gaierror.__module__)
print(socket.getdefaulttimeout())
socket.setdefaulttimeout(2.5)
print(socket.getdefaulttimeout())
socket.setdefaulttimeout(None)
print(socket.getdefaulttimeout())
for bad in (-1, "x"):
    try:
        socket.setdefaulttimeout(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(socket.htons(1), socket.ntohs(256), socket.htonl(1), socket.ntohl(0x01020304))
print(socket.inet_aton("127.0.0.1"), socket.inet_aton("10.1"), socket.inet_ntoa(b"\xc0\xa8\x00\x01"))
for bad in ("1.2.3.256", "x.y"):
    try:
        socket.inet_aton(bad)
    except OSError as e:
        print("OSError", e)
print(isinstance(socket.gethostname(), str), socket.has_ipv6)
print(issubclass(socket.socket, socket.SocketType), socket.socket.__mro__[1].__name__)
print(sorted(n for n in socket.__all__ if n.startswith("SOCK_")))
