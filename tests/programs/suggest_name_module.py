# Uncaught NameError at module level, misspelling a builtin while a global is also close:
# which candidate wins depends on the edit distance (a case change costs half a move) and on
# the order of the lists searched.
valeu = 10
Print = None
counts = {"a": 1}
print("before", valeu, counts)
lenn = 3
prnt("never")
