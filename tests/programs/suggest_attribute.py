# Uncaught AttributeError on an instance: "Did you mean" from dir(obj), sorted; 3.13+ hide
# names starting with "_" unless the wrong name starts with one.
class Sensor:
    limit = 5

    def __init__(self):
        self.reading = 1
        self._readings = [1, 2]

    def read(self):
        return self.reading


s = Sensor()
print(s.read(), Sensor.limit)
try:
    s.readin
except AttributeError as e:
    print("caught:", e, "|", e.name, e.obj is s)
print(s.readngs)
