//! The template language for justifications and rubric-criterion snippets (lexer → parser → AST →
//! renderer). Built in issue #3.
