{toggle: t}a{else}b{else}c{end}
