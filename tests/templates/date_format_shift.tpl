{date: dddd D MMMM YYYY; shift=+1w}
