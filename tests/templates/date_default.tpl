{date}
