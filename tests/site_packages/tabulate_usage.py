# slow: the first build compiles ~40-110 modules (site and stdlib)
from tabulate import tabulate, tabulate_formats

rows = [["Sun", 696000, 1989100000], ["Earth", 6371, 5973.6], ["Moon", 1737, 73.5],
        ["Mars", 3390, 641.85]]
headers = ["Planet", "R (km)", "mass (x 10^29 kg)"]
for fmt in ["plain", "simple", "grid", "github", "pipe", "orgtbl", "rst", "psql", "html",
            "latex", "tsv", "fancy_grid", "mediawiki", "jira"]:
    print(f"--- {fmt}")
    print(tabulate(rows, headers=headers, tablefmt=fmt))
print(tabulate([{"a": 1, "b": None}, {"a": 22, "b": "x"}], headers="keys", missingval="?"))
print(tabulate([[1.23456, "1e3"], [12.5, "abc"]], floatfmt=".2f", numalign="left"))
print(tabulate([["a\nb", 1]], tablefmt="grid"))
print(tabulate([[1, 2]], headers=["x", "y"], showindex=True))
print(len(tabulate_formats) > 10)
