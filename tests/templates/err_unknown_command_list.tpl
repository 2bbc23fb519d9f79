{frobnicate: x}
