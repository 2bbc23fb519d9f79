The response {criterion: accuracy}.
