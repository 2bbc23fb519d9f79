{toggle: t}{cursor}{end}a{cursor}
