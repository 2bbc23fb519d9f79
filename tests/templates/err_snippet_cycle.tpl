{snippet: ;loop1}
