# slow: the first build compiles ~40-110 modules (site and stdlib)
import markupsafe
from markupsafe import Markup, escape, escape_silent, soft_str

print(escape("<script>alert('x') & \"y\"</script>"))
print(repr(escape(Markup("<b>safe</b>"))), escape_silent(None), repr(soft_str(3)))
m = Markup("<em>%s</em>") % "<unsafe>"
print(m, type(m).__name__)
print(Markup("<p>{}</p>").format("a & b"), Markup("<a>").join(["<1>", Markup("<2>")]))
print(Markup("&lt;x&gt; &amp; <b>bold</b>").striptags(), Markup("&lt;&#39;&#x41;&gt;").unescape())
print(Markup("Hi") + "<there>", "<x>" + Markup("y"), Markup("a,b").split(","))


class User:
    def __html__(self):
        return "<user>"


print(escape(User()), Markup(User()), Markup("%(a)s|%(b)s") % {"a": "<", "b": Markup("<")})
print(markupsafe.Markup.escape("'"), Markup("x").upper(), Markup(" y ").strip(), Markup("a") * 3)
