Rated.{toggle: cite} Cited.{else} Not cited.{end}
