{text: a}{snippet: ;sig}{toggle: t}{end}
