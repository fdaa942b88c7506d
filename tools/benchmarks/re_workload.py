# A regex-heavy workload for tools/bench_re.py: tokenizing, findall, sub with templates and
# callables, split, IGNORECASE and lookaround searches over a generated text.
import re

words = ['alpha', 'Beta', 'gamma42', 'delta_x', 'EPSILON', 'zeta', 'eta7', 'theta']
lines = []
for i in range(4000):
    w = words[i % len(words)]
    lines.append(f'{w} = {i * 37 % 1000} + {w.lower()}_{i}  # note {i % 13}: "s{i}" x{i % 7}.y')
text = '\n'.join(lines)

TOKEN = re.compile(r'''
    (?P<num>\d+(?:\.\d*)?)
  | (?P<name>[A-Za-z_]\w*)
  | (?P<str>"[^"\\]*(?:\\.[^"\\]*)*")
  | (?P<op>[-+*/=().:])
  | (?P<comment>\#[^\n]*)
  | (?P<ws>\s+)
''', re.X)

counts = {}
for _ in range(3):
    for m in TOKEN.finditer(text):
        counts[m.lastgroup] = counts.get(m.lastgroup, 0) + 1
print(sorted(counts.items()))

print(len(re.findall(r'\b[a-z]+_\d+\b', text)), len(re.findall(r'(?i)\bbeta\b', text)))
print(len(re.sub(r'(\w+) = (\d+)', r'\2 =: \1', text)))
print(sum(len(x) for x in re.split(r'\s*[=+#]\s*', text)))
print(len(re.sub(r'\d+', lambda m: str(int(m.group()) + 1), text)))
print(len(re.findall(r'(?<=x)\d(?=\.)', text)), len(re.findall(r'"s(\d+)"', text)))
print(sum(1 for line in text.splitlines() if re.match(r'^[a-z]+\d* = \d+ \+', line)))
print(len(re.findall(r'(\w)\1', text)), len(re.findall(r'[aeiou]{2,}', text, re.I)))
