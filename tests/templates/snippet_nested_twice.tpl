{snippet: ;acc}, {snippet: ;why}
