I think: {snippet: ;acc}.
