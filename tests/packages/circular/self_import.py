# A module importing itself by name gets a second copy (the entry is __main__).
import sys
print(__name__)
if __name__ == "__main__":
    import self_import
    print(self_import.__name__, self_import is sys.modules["self_import"], sys.modules["__main__"] is not self_import)
