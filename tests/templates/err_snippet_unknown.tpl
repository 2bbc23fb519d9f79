{snippet: ;nope}
