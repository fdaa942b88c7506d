# Circular imports that work: each module sees the other partially initialized.
import alpha

print("alpha.done", alpha.done, "beta.done", alpha.beta.done)
print(alpha.beta.seen_from_beta)
from ring import first
print(first.NAME, first.second.NAME, first.second.first_name_then)
