👍🏽 é{cursor} and 👨‍👩‍👧{cursor}!
