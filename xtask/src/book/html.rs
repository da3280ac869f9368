//! The built book checked like code: every link and image of every page must
//! lead to a file of the book, and every `#anchor` to an element with that id.
//! Links out of the book (`https://…`) are not followed: the check runs
//! offline.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use regex::Regex;

/// What the check looked at.
#[derive(Debug)]
pub struct Checked {
    pub pages: usize,
    pub links: usize,
}

/// Checks every HTML page under `out`; one sentence per broken link.
pub fn check(out: &Path) -> Result<Checked, Vec<String>> {
    let pages = crate::model::files_under(out, "html");
    let attr = Regex::new(r#"(?:href|src)="([^"]*)""#).expect("a valid pattern");
    let source_link =
        Regex::new(r#"<a class="page-source" href="([^"]*)""#).expect("a valid pattern");
    let id = Regex::new(r#"\bid="([^"]*)""#).expect("a valid pattern");
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut texts = BTreeMap::new();
    for page in &pages {
        let text =
            fs::read_to_string(page).map_err(|e| vec![format!("{}: {e}", page.display())])?;
        ids.insert(
            page.canonicalize().unwrap_or_else(|_| page.clone()),
            id.captures_iter(&text).map(|c| c[1].to_string()).collect(),
        );
        texts.insert(page.clone(), text);
    }
    let root = out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
    let mut broken = Vec::new();
    let mut links = 0;
    for (page, text) in &texts {
        // mdBook's 404 page resolves its links against the site's root URL, not its folder.
        if page.file_name().is_some_and(|n| n == "404.html") {
            continue;
        }
        let name = page.strip_prefix(out).unwrap_or(page).display().to_string();
        // A page's link to its own source leads into the repository the book
        // was built from, outside the book: it must lead to that file.
        let sources: Vec<String> = source_link
            .captures_iter(text)
            .map(|c| c[1].to_string())
            .collect();
        for source in &sources {
            links += 1;
            if !page.parent().unwrap_or(out).join(source).is_dir() {
                broken.push(format!(
                    "{name}: its source link leads to {source}, which is no folder of the repository"
                ));
            }
        }
        for target in attr.captures_iter(text).map(|c| c[1].to_string()) {
            if sources.contains(&target) {
                continue;
            }
            if target.is_empty()
                || target.contains("://")
                || target.starts_with("mailto:")
                || target.starts_with("javascript:")
                || target.starts_with("data:")
            {
                continue;
            }
            links += 1;
            let target = target.replace("&amp;", "&");
            let (path, anchor) = match target.split_once('#') {
                Some((p, a)) => (p, Some(a)),
                None => (target.as_str(), None),
            };
            let path = path.split('?').next().unwrap_or("");
            let file = if path.is_empty() {
                page.clone()
            } else {
                let joined = page.parent().unwrap_or(out).join(path);
                if path.ends_with('/') || joined.is_dir() {
                    joined.join("index.html")
                } else {
                    joined
                }
            };
            let Ok(file) = file.canonicalize() else {
                broken.push(format!(
                    "{name}: links to {target}, which is not in the book"
                ));
                continue;
            };
            if !file.starts_with(&root) {
                broken.push(format!("{name}: links to {target}, outside the book"));
                continue;
            }
            if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
                let known = ids.get(&file).map(|ids| ids.contains(&decode(anchor)));
                if known == Some(false) {
                    broken.push(format!(
                        "{name}: links to {target}, but that page has no element with id \"{anchor}\""
                    ));
                }
            }
        }
    }
    if broken.is_empty() {
        Ok(Checked {
            pages: pages.len(),
            links,
        })
    } else {
        Err(broken)
    }
}

/// An anchor as the id it names: `%20` and the like decoded.
fn decode(anchor: &str) -> String {
    let bytes = anchor.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = anchor
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn broken_links_and_anchors_are_found() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::write(
            dir.join("index.html"),
            r#"<h1 id="top">x</h1><a href="a/b.html#here">b</a><a href="https://x.org/">out</a>"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("a/b.html"),
            r#"<p id="here"></p><a href="../index.html#top">t</a><img src="../c.svg">"#,
        )
        .unwrap();
        let broken = check(dir).err().unwrap();
        assert_eq!(
            broken,
            vec!["a/b.html: links to ../c.svg, which is not in the book"]
        );
        std::fs::write(dir.join("c.svg"), "<svg/>").unwrap();
        std::fs::write(
            dir.join("index.html"),
            r#"<i id="top"></i><a href="a/b.html#gone">b</a>"#,
        )
        .unwrap();
        let broken = check(dir).err().unwrap();
        assert_eq!(
            broken,
            vec![
                "index.html: links to a/b.html#gone, but that page has no element with id \"gone\""
            ]
        );
        std::fs::write(
            dir.join("index.html"),
            r#"<i id="top"></i><a href="a/b.html#here">b</a>"#,
        )
        .unwrap();
        // A link to the page's source leads out of the book, to a folder.
        std::fs::create_dir_all(dir.join("book")).unwrap();
        std::fs::write(
            dir.join("book/p.html"),
            r#"<a class="page-source" href="../a">a</a><a class="page-source" href="../gone">g</a>"#,
        )
        .unwrap();
        let broken = check(&dir.join("book")).err().unwrap();
        assert_eq!(
            broken,
            vec!["p.html: its source link leads to ../gone, which is no folder of the repository"]
        );
        std::fs::remove_dir_all(dir.join("book")).unwrap();
        let checked = check(dir).unwrap();
        assert_eq!((checked.pages, checked.links), (2, 3));
    }
}
