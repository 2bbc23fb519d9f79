//! Importers and exporters for snippet files (espanso YAML, snippet CSV, Rubrica JSON). Built in issue #3.
