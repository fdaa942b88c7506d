from pkg import VALUE
print(VALUE)
from pkg import absent
