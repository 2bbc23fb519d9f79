Because it {text: reason; default=is more accurate}.
