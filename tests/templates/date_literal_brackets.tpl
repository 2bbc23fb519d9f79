{date: [Due] MMM D, YY [at] h:mm A; shift=-30m}
