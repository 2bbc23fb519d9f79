{choice: better; A | B; default=B} … {=better} again
