{time} / {time: hh:mm A} / {date: ddd}
