{choice: better; A | B}
