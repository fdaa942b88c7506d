# Runs once however often it is imported.
print("loading counter as", __name__)
loads = 1
if __name__ == "__main__":
    print("never printed: counter is imported")
