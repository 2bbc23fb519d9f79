{text}
