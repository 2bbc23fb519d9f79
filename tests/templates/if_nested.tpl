{choice: a; x | y}{toggle: t; default=on}{if: a = x}X{if: t}T{end}{end}{end}
