print("beta starts")
import alpha
seen_from_beta = ("alpha.done", alpha.done, hasattr(alpha, "beta"))
done = True
print("beta ends")
