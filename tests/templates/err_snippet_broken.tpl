x {snippet: ;bad}
