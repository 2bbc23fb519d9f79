{date: YYYY; shift=+2x}
