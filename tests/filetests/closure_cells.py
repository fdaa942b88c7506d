def counter(start):
    def inc():
        nonlocal start
        start += 1
        return start
    return inc


class K:
    def m(self):
        return super().m()
