# `from m import name` of a name the partially initialized module does not have yet.
import gamma
