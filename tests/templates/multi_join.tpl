Issues: {multi: issues; errors | steps | verbosity; join=" and "}.
