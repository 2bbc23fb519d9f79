{choice: better; A | B; default=C}
