# Positional-only parameters passed by keyword.
def clamp(value, lo, hi, /):
    return max(lo, min(value, hi))


print(clamp(5, 0, 3), clamp(*[-1, 0, 3]))
clamp(5, lo=0, hi=3)
