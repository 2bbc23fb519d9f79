{txet: reason}
