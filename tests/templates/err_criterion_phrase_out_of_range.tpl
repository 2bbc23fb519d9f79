{criterion: accuracy; phrase=3}
