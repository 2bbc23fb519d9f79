{toggle: t; default=maybe}{end}
