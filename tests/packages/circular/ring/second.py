from . import first
NAME = "second"
first_name_then = first.NAME
