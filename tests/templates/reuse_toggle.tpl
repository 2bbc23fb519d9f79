{toggle: cite; default=yes}{end}cite={=cite}
