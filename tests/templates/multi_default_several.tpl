Issues: {multi: issues; factual errors | missing steps | verbosity; default=verbosity | factual errors}.
