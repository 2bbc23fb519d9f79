{choice: better; A | B}{if: better != B} not B{end}
