print("gamma starts")
from delta import value
late = 1
