{criterion: ACCURACY; show=name}: {criterion: accuracy; phrase=2}. {criterion: helpfulness; show=definition}
