a } b
