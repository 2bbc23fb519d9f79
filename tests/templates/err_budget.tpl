{snippet: ;wide}
