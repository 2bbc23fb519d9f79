{criterion: tone}
