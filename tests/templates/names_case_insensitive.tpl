{TEXT: reason; DEFAULT=fine} / {Text : reason}
