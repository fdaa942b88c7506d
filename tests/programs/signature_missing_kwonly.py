# A keyword-only parameter without a default that the call does not give.
def connect(host, port=80, *, timeout, retries=3):
    return (host, port, timeout, retries)


print(connect("a", timeout=1))
print(connect("b", 8080, timeout=2, retries=0))
connect("c", 1)
