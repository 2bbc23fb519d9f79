{choice: c; a | | b}
