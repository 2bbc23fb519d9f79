{text: better} {choice: better; A | B}
