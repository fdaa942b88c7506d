# slow: the first build compiles ~40-110 modules (site and stdlib)
from jinja2 import Environment, DictLoader, StrictUndefined, TemplateSyntaxError, UndefinedError, select_autoescape

env = Environment(loader=DictLoader({
    "base.html": "<title>{% block title %}{% endblock %}</title>\n{% block body %}{% endblock %}",
    "page.html": """{% extends "base.html" %}{% block title %}{{ title|title }}{% endblock %}
{% block body %}{% for item in items %}{{ loop.index }}. {{ item.name|e }} ({{ item.price|round(1) }}){% if not loop.last %}, {% endif %}{% endfor %}
{% set total = items|sum(attribute="price") %}total={{ "%.2f"|format(total) }}
{% macro tag(name, v) %}<{{ name }}>{{ v }}</{{ name }}>{% endmacro %}{{ tag("b", "x & y") }}
{% include "part.html" %}{% endblock %}""",
    "part.html": "{{ items|map(attribute='name')|join('|') }} {{ items|length }}",
}), autoescape=select_autoescape(["html"]), trim_blocks=True)
items = [{"name": "<apple>", "price": 1.25}, {"name": "pear", "price": 2.5}]
print(env.get_template("page.html").render(title="my page", items=items))
t = env.from_string("{{ x * 2 }} {{ y|default('none') }} {{ s|upper|replace('A', '4') }} {{ d|dictsort }}")
print(t.render(x=21, s="banana", d={"b": 1, "a": 2}))
print(env.from_string("{% for k, g in xs|groupby('k') %}{{ k }}:{{ g|map(attribute='v')|list }} {% endfor %}").render(
    xs=[{"k": 1, "v": "a"}, {"k": 2, "v": "b"}, {"k": 1, "v": "c"}]))
print(env.from_string("{{ '%s-%s'|format(1, 2) }} {{ [3, 1, 2]|sort|reverse|list }} {{ 'a b c'.split()|batch(2)|list }}").render())
print(env.from_string("{% filter upper %}hi {{ n }}{% endfilter %} {{ range(3)|select('odd')|list }} {{ 10 is divisibleby 5 }}").render(n=3))
strict = Environment(undefined=StrictUndefined)
try:
    strict.from_string("{{ missing.attr }}").render()
except UndefinedError as e:
    print("UndefinedError:", e)
try:
    env.from_string("{% for x in %}")
except TemplateSyntaxError as e:
    print("TemplateSyntaxError:", e.message, e.lineno)
print(env.from_string("{{ x }}").render(x="<i>"), Environment(autoescape=True).from_string("{{ x }}").render(x="<i>"))
