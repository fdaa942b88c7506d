# slow: the first build compiles ~40-110 modules (site and stdlib)
# include: markdown.extensions.extra markdown.extensions.fenced_code markdown.extensions.footnotes markdown.extensions.attr_list markdown.extensions.def_list markdown.extensions.tables markdown.extensions.abbr markdown.extensions.md_in_html markdown.extensions.toc markdown.extensions.sane_lists markdown.extensions.admonition markdown.extensions.meta
# exclude: pygments
import markdown

TEXT = """# Title

Some *emphasis*, **strong**, `code` and a [link](http://example.com "t").

* one
* two
    * nested

1. first
2. second

> quoted
> text

    indented code block

| a | b |
|---|---|
| 1 | 2 |

Term
:   Definition

```python
print("fenced")
```

Footnote ref[^1].

[^1]: The note.

*[HTML]: Hyper Text Markup Language
HTML abbr. &copy; <b>raw</b> & 4 < 5
"""

print(markdown.markdown(TEXT))
print("----")
print(markdown.markdown(TEXT, extensions=["extra", "toc", "sane_lists", "admonition"]))
md = markdown.Markdown(extensions=["toc", "meta"])
print(md.convert("Title: Doc\nAuthor: Me\n\n## Section A\n\n### Sub\n\n## Section B"))
print(md.toc)
print(md.Meta)
print(markdown.markdown("!!! note \"Heads up\"\n    Be careful.", extensions=["admonition"]))
