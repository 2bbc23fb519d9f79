{multi: issues; errors | verbosity; default=verbosity}{if: issues = Verbosity}: too long{end}
