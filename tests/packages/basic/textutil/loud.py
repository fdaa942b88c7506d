def shout(text):
    return text.upper() + "!"


_quiet = "underscore names are skipped"
