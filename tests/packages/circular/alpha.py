print("alpha starts")
done = False
import beta
print("alpha sees beta.done =", beta.done)
done = True
