# A keyword that names no parameter, through **kwargs at the call site.
def greet(name, greeting="hello"):
    return f"{greeting}, {name}"


options = {"greeting": "hi"}
print(greet("ann", **options))
options["punctuation"] = "!"
print(greet("bob", **options))
