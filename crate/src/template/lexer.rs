//! The lexer: splits template source into literal text and `{…}` commands.
//!
//! Outside commands, `\{`, `\}` and `\\` stand for `{`, `}` and `\`; any other backslash is
//! literal. Inside a command a backslash keeps the next character from being read as syntax
//! (`\;`, `\|`, `\=`, `\:`, `\{`, `\}`, `\\`); the parser removes those backslashes.

use super::ast::{LineIndex, Span};
use crate::error::{Error, ErrorKind, Result};

/// A lexical token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Literal text with escapes resolved.
    Text {
        /// The text.
        text: String,
        /// Where it was.
        span: Span,
    },
    /// A command between braces.
    Command {
        /// The text between the braces, escapes still in place.
        body: String,
        /// Byte offset of the body's first byte in the source.
        body_start: usize,
        /// The whole command, braces included.
        span: Span,
    },
}

/// A template error at byte `offset` of `src`.
pub(crate) fn error_at(index: &LineIndex<'_>, src: &str, offset: usize, msg: String) -> Error {
    let span = index.span(offset, offset);
    Error::new(ErrorKind::Template, msg).at(src, span.line, span.column)
}

/// Splits `src` into tokens.
pub fn lex(src: &str) -> Result<Vec<Token>> {
    let index = LineIndex::new(src);
    let mut tokens = Vec::new();
    let mut text = String::new();
    let mut text_start = 0;
    let mut chars = src.char_indices().peekable();
    let flush = |text: &mut String, start: usize, end: usize, tokens: &mut Vec<Token>| {
        if !text.is_empty() {
            tokens.push(Token::Text {
                text: std::mem::take(text),
                span: index.span(start, end),
            });
        }
    };
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.peek() {
                Some(&(_, next @ ('{' | '}' | '\\'))) => {
                    if text.is_empty() {
                        text_start = i;
                    }
                    text.push(next);
                    chars.next();
                }
                _ => {
                    if text.is_empty() {
                        text_start = i;
                    }
                    text.push('\\');
                }
            },
            '}' => {
                return Err(error_at(
                    &index,
                    src,
                    i,
                    "this “}” has no “{” before it; to write a brace as text, type \\}".into(),
                ))
            }
            '{' => {
                flush(&mut text, text_start, i, &mut tokens);
                let body_start = i + 1;
                let mut end = None;
                while let Some((j, d)) = chars.next() {
                    match d {
                        '\\' => {
                            chars.next();
                        }
                        '{' => {
                            return Err(error_at(
                                &index,
                                src,
                                j,
                                "a “{” cannot start inside another command; close the first \
                                 one with “}”, or type \\{ for a brace as text"
                                    .into(),
                            ))
                        }
                        '}' => {
                            end = Some(j);
                            break;
                        }
                        _ => {}
                    }
                }
                let Some(end) = end else {
                    return Err(error_at(
                        &index,
                        src,
                        i,
                        "this “{” is never closed; end the command with “}”, or type \\{ for a \
                         brace as text"
                            .into(),
                    ));
                };
                tokens.push(Token::Command {
                    body: src.get(body_start..end).unwrap_or_default().to_string(),
                    body_start,
                    span: index.span(i, end + 1),
                });
            }
            _ => {
                if text.is_empty() {
                    text_start = i;
                }
                text.push(c);
            }
        }
    }
    flush(&mut text, text_start, src.len(), &mut tokens);
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<String> {
        lex(src)
            .unwrap_or_default()
            .into_iter()
            .map(|t| match t {
                Token::Text { text, .. } => format!("T({text})"),
                Token::Command { body, .. } => format!("C({body})"),
            })
            .collect()
    }

    #[test]
    fn text_and_commands() {
        assert_eq!(kinds("a {x: y} b"), ["T(a )", "C(x: y)", "T( b)"]);
        assert_eq!(kinds(r"\{a\} \\ \n"), [r"T({a} \ \n)"]);
        assert_eq!(kinds(r"{a\}b}"), [r"C(a\}b)"]);
    }

    #[test]
    fn spans_have_lines_and_columns() {
        let t = lex("ab\ncé{x}").unwrap_or_default();
        let Some(Token::Command { span, .. }) = t.get(1) else {
            panic!("no command: {t:?}");
        };
        assert_eq!((span.line, span.column, span.start, span.end), (2, 3, 6, 9));
    }

    #[test]
    fn unbalanced_braces_are_errors() {
        let e = lex("ok\n  {text: x").err();
        assert_eq!(e.as_ref().and_then(|e| e.line), Some(2));
        assert_eq!(e.as_ref().and_then(|e| e.column), Some(3));
        assert!(lex("a } b").is_err());
        assert!(lex("{a {b}}").is_err());
    }
}
