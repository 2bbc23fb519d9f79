done{end}
