# slow: the first build compiles ~40-110 modules (site and stdlib)
from slugify import slugify
from text_unidecode import unidecode

print(unidecode("Ærøskøbing – Žluťoučký kůň, 北京"))
for text in ["Hello World!", "This is a test ---", "影師嗎", "C'est déjà l'été.",
             "Nín hǎo. Wǒ shì zhōng guó rén", "jaja---lol-méméméoo--a", "10 | 20 %",
             "i love 🦄", "one two three four five"]:
    print(repr(slugify(text)))
print(slugify("one two three four five", max_length=9, word_boundary=True))
print(slugify("the quick brown fox", stopwords=["the"], separator="_"))
print(slugify("Foo Bar", lowercase=False), slugify("a&b", replacements=[["&", "and"]]))
print(slugify("10 | 20 %", regex_pattern=r"[^-a-z0-9_]+"), slugify("ÜBER", allow_unicode=True))
