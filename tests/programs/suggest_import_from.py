# `from m import name` of a missing name: 3.12+ suggest the closest name in the module
# ("Did you mean: 'OrderedDict'?"); 3.11 only names the module.
import collections
print(collections.Counter("aab").most_common(1))
from collections import OrderedDic
