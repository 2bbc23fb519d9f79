{criterion: acuracy}
