import sys


def text():
    info = sys.version_info
    return f"python {info.major}.{info.minor} ({info[0]}, {info[1]}) {sys.version_info >= (3, 8)}"


if __name__ == "__main__":
    print("version module as main", __name__, __package__, text(), sys.version_info)
    print(len(sys.argv), sys.version.split()[0] == "%d.%d.%d" % sys.version_info[:3])
