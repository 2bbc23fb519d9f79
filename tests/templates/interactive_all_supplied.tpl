{text: a} {toggle: t}on{end}
