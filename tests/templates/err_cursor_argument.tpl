{cursor: 2}
