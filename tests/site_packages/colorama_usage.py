import io
from colorama import Fore, Back, Style, Cursor, ansi
from colorama.ansitowin32 import AnsiToWin32

print(repr(Fore.RED + "red" + Style.RESET_ALL), repr(Back.GREEN), repr(Style.BRIGHT))
print(repr(Cursor.UP(2) + Cursor.POS(3, 4)), repr(ansi.clear_screen()), repr(ansi.set_title("t")))
print(sorted(k for k in vars(Fore) if not k.startswith("_"))[:6])
buf = io.StringIO()
stripper = AnsiToWin32(buf, strip=True, convert=False)
stripper.write(Fore.BLUE + "plain " + Style.DIM + "text" + Style.RESET_ALL + "\n")
print(repr(buf.getvalue()), stripper.should_wrap())
keep = io.StringIO()
AnsiToWin32(keep, strip=False, convert=False).stream.write(Fore.CYAN + "x")
print(repr(keep.getvalue()))
