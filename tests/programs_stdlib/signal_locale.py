# _signal and _locale (the C modules; Lib/signal.py needs enum's _convert_)
import _signal
import _locale

print(_signal.SIGINT, _signal.SIGTERM, _signal.SIG_DFL, _signal.SIG_IGN, _signal.NSIG)
print(_signal.getsignal(_signal.SIGINT) is _signal.default_int_handler, _signal.getsignal(_signal.SIGTERM))
print(_signal.strsignal(_signal.SIGINT), _signal.strsignal(_signal.SIGKILL), len(_signal.valid_signals()))


def handler(signum, frame):
    print("handled", signum)


old = _signal.signal(_signal.SIGUSR1, handler)
print(old, _signal.getsignal(_signal.SIGUSR1) is handler)
_signal.raise_signal(_signal.SIGUSR1)
_signal.signal(_signal.SIGUSR1, _signal.SIG_IGN)
_signal.raise_signal(_signal.SIGUSR1)
try:
    _signal.default_int_handler(2, None)
except KeyboardInterrupt as e:
    print("KeyboardInterrupt", repr(e))
for bad in [(0, handler), (100, handler), (_signal.SIGINT, 5)]:
    try:
        _signal.signal(*bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

print(_locale.setlocale(_locale.LC_NUMERIC), _locale.setlocale(_locale.LC_ALL, "C"), _locale.setlocale(_locale.LC_NUMERIC))
print(sorted(_locale.localeconv().items()))
print(_locale.getencoding(), _locale.nl_langinfo(_locale.CODESET), _locale.nl_langinfo(_locale.DAY_1), _locale.nl_langinfo(_locale.ABMON_12))
print(_locale.strcoll("a", "b"), _locale.strcoll("b", "a"), _locale.strxfrm("abc"), _locale.CHAR_MAX)
try:
    _locale.setlocale(_locale.LC_ALL, "xx_YY.nonsense")
except _locale.Error as e:
    print(type(e).__name__, e, issubclass(_locale.Error, Exception))
