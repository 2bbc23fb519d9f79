[{multi: issues; a | b}]
