# stdlib: csv
# csv.DictWriter compiled from CPython's csv.py over the native _csv.
import csv
import io

out = io.StringIO()
dw = csv.DictWriter(out, ['x', 'y'])
dw.writeheader()
dw.writerow({'x': 1, 'y': 2})
dw.writerows([{'x': 3}, {'y': 4}])
print(repr(out.getvalue()))
try:
    dw.writerow({'z': 1})
except ValueError as e:
    print(e)
