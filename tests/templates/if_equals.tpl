{choice: better; A | B; default=B}{if: better = A}first{else}second{end}
