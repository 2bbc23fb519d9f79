Use \{braces\} and \\ backslash; a lone \ stays.
