print("app package loads as", __name__)
DEFAULT_NAME = "world"
