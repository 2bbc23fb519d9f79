{choice: pick; a \| b | c\; d | x \= y; default=c\; d}
