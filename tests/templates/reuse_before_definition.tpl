{=better}: {choice: better; A | B}
