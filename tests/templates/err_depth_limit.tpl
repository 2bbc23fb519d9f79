{snippet: ;d1}
