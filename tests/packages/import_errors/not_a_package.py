import plain
print(plain.X)
import plain.sub
