line one
see {text: reason
