//! The English edition's anchors on the Chinese edition's pages, so that a
//! place is named the same way in both: `threads/lock.html#exercises` and
//! `zh-CN/threads/lock.html#exercises` lead to the same section, and the
//! language switch (course.js) keeps the reader's place.
//!
//! mdBook gives each heading an id made from its text, and a translated
//! heading has other text. After both editions are built, each Chinese page
//! gets, before each heading, an empty `<a class="en-id" id="…">` with the
//! English page's id for the same heading (the two pages have the same
//! headings in the same order: the translation changes their words, not
//! their number), where the two ids differ.

use std::path::Path;

use regex::Regex;

/// Adds the anchors to every page of the Chinese edition in `zh` whose
/// English page is in `en`; returns how many were added.
pub fn add_english_ids(en: &Path, zh: &Path) -> Result<usize, String> {
    let heading = Regex::new(r#"<h([1-6]) id="([^"]*)""#).expect("a valid pattern");
    let mut added = 0;
    for page in crate::model::files_under(zh, "html") {
        let Ok(rel) = page.strip_prefix(zh) else {
            continue;
        };
        // The print page holds every page at once, and the English edition's
        // ends with the contributors' page, which the Chinese has not.
        let print = rel == Path::new("print.html");
        let Ok(english) = std::fs::read_to_string(en.join(rel)) else {
            continue; // a page of the Chinese edition only (its 404, say)
        };
        let chinese =
            std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
        let ids: Vec<&str> = heading
            .captures_iter(&english)
            .map(|c| c.get(2).map_or("", |m| m.as_str()))
            .collect();
        let theirs: Vec<(usize, &str)> = heading
            .captures_iter(&chinese)
            .map(|c| {
                (
                    c.get(0).map_or(0, |m| m.start()),
                    c.get(2).map_or("", |m| m.as_str()),
                )
            })
            .collect();
        if ids.len() != theirs.len() && !(print && ids.len() > theirs.len()) {
            return Err(format!(
                "zh-CN/{}: {} headings, where the English page has {}: the two editions' headings no longer pair up",
                rel.display(),
                theirs.len(),
                ids.len()
            ));
        }
        let mut out = String::with_capacity(chinese.len() + 64 * ids.len());
        let mut at = 0;
        for ((start, id), english_id) in theirs.iter().zip(&ids) {
            if id == english_id {
                continue;
            }
            out.push_str(&chinese[at..*start]);
            out.push_str(&format!(r#"<a class="en-id" id="{english_id}"></a>"#));
            at = *start;
            added += 1;
        }
        out.push_str(&chinese[at..]);
        if at > 0 {
            std::fs::write(&page, out).map_err(|e| format!("{}: {e}", page.display()))?;
        }
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translated_heading_gets_the_english_id_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let (en, zh) = (dir.path().join("en"), dir.path().join("zh"));
        std::fs::create_dir_all(en.join("threads")).unwrap();
        std::fs::create_dir_all(zh.join("threads")).unwrap();
        std::fs::write(
            en.join("threads/lock.html"),
            r#"<h1 id="threads-lock">x</h1><h2 id="exercises">Exercises</h2>"#,
        )
        .unwrap();
        std::fs::write(
            zh.join("threads/lock.html"),
            r#"<h1 id="threads-lock">x</h1><h2 id="练习">练习</h2>"#,
        )
        .unwrap();
        assert_eq!(add_english_ids(&en, &zh).unwrap(), 1);
        assert_eq!(
            std::fs::read_to_string(zh.join("threads/lock.html")).unwrap(),
            r#"<h1 id="threads-lock">x</h1><a class="en-id" id="exercises"></a><h2 id="练习">练习</h2>"#
        );
    }
}
