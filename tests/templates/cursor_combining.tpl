é{cursor}x
