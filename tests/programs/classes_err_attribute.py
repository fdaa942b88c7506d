# AttributeError on an instance: the message names the class and the attribute.


class Sprocket:
    def __init__(self):
        self.teeth = 12


s = Sprocket()
print(s.teeth)
print(s.qwzxv)
