a{text: x}b{text: y}c
