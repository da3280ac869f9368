//! Rust cut into tokens, just well enough for the two readers of
//! [`super`]: the code spans of a mapping table (fragments, often not valid
//! Rust: `Gn::<u32>::new_scoped(...)`) and a lesson's sources (for the names
//! it defines). Comments, strings and char literals become nothing or one
//! [`Token::Literal`], so a name inside `"LoopThread"` or a `//!` paragraph
//! is never taken for an item.

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    /// An identifier or a keyword.
    Ident(String),
    /// `::`.
    PathSep,
    /// The `!` of a macro's name: right after it (`println!`, not `while !x`).
    MacroBang,
    /// Any other single character that is not white space.
    Punct(char),
    /// A string, character or number: a path never runs through one.
    Literal,
}

pub(super) fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            i = after_block_comment(&chars, i);
        } else if let Some(end) = raw_string_end(&chars, i) {
            tokens.push(Token::Literal);
            i = end;
        } else if c == '"' {
            tokens.push(Token::Literal);
            i = after_quoted(&chars, i + 1, '"');
        } else if c == '\'' && (at(i + 1) == '\\' || at(i + 2) == '\'') {
            // A char literal; a lone quote (`'static`) is a lifetime's.
            tokens.push(Token::Literal);
            i = after_quoted(&chars, i + 1, '\'');
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            if c.is_ascii_digit() {
                tokens.push(Token::Literal);
            } else {
                tokens.push(Token::Ident(chars[start..i].iter().collect()));
            }
        } else if c == '!' && i > 0 && is_ident_char(chars[i - 1]) && at(i + 1) != '=' {
            tokens.push(Token::MacroBang);
            i += 1;
        } else if c == ':' && at(i + 1) == ':' {
            tokens.push(Token::PathSep);
            i += 2;
        } else {
            tokens.push(Token::Punct(c));
            i += 1;
        }
    }
    tokens
}

/// Where a block comment that opens at `i` ends; Rust's nest.
fn after_block_comment(chars: &[char], mut i: usize) -> usize {
    let mut depth = 0;
    while i < chars.len() {
        if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
            depth += 1;
            i += 2;
        } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                break;
            }
        } else {
            i += 1;
        }
    }
    i
}

/// Where a literal ends that started just before `i`, its escapes skipped.
fn after_quoted(chars: &[char], mut i: usize, quote: char) -> usize {
    while i < chars.len() && chars[i] != quote {
        i += if chars[i] == '\\' { 2 } else { 1 };
    }
    i + 1
}

/// Where a raw string (`r"…"`, `br#"…"#`) that opens at `i` ends, if one does.
fn raw_string_end(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    if chars.get(j) == Some(&'b') {
        j += 1;
    }
    if chars.get(j) != Some(&'r') || (i > 0 && is_ident_char(chars[i - 1])) {
        return None;
    }
    j += 1;
    let hashes = chars[j..].iter().take_while(|&&c| c == '#').count();
    j += hashes;
    if chars.get(j) != Some(&'"') {
        return None;
    }
    j += 1;
    while j < chars.len() {
        let closes = chars
            .get(j + 1..j + 1 + hashes)
            .is_some_and(|h| h.iter().all(|&c| c == '#'));
        if chars[j] == '"' && closes {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
    Some(j)
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}
