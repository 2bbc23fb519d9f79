{criterion: accuracy}
