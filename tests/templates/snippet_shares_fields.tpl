{choice: better; A | B; default=B} — {snippet: ;acc}
