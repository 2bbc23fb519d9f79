{snippet: ;self}
