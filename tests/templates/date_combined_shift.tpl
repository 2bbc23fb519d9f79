{date: YYYY-MM-DD HH:mm; shift=+1d2h}
