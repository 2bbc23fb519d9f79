Rated.{toggle: cite; default=yes} Sources are cited.{end}
