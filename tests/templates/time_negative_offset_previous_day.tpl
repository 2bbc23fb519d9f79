{date: YYYY-MM-DD HH:mm}
