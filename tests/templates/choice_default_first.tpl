Response {choice: better; A | B} wins.
