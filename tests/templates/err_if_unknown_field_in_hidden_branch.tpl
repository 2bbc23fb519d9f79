{toggle: t}{if: Better = A}x{end}{end}{choice: better; A | B}
