//! What the browser test asks each page, and the sentences it writes about
//! the answers: the script run inside the page, the state it returns, and
//! the grouping of one problem seen on many pages into one sentence.

use serde::Deserialize;
use std::collections::HashSet;

/// Waits (up to `waitMs`) until the page's own scripts are done: images
/// loaded, code highlighted, the language switch added if one is wanted.
/// Then reports the page's code blocks, images, stylesheets and switch.
/// Lazy images are made eager first, or those below the fold would never load.
pub const STATE: &str = r#"async (wantSwitch, waitMs) => {
  const deadline = Date.now() + waitMs;
  for (const img of document.images) if (img.loading === 'lazy') img.loading = 'eager';
  const blocks = () => Array.from(document.querySelectorAll('pre > code'));
  const settled = () => Array.from(document.images).every(i => i.complete)
    && blocks().every(c => c.classList.contains('hljs'))
    && (!wantSwitch || document.querySelector('a#language-switch'));
  while (!settled() && Date.now() < deadline) await new Promise(r => setTimeout(r, 20));
  const sw = document.querySelector('a#language-switch');
  return {
    codes: blocks().map(c => ({
      language: (Array.from(c.classList).find(k => k.startsWith('language-')) || '').slice(9),
      hljs: c.classList.contains('hljs'),
      tokens: c.querySelectorAll('span[class^="hljs-"]').length,
      firstLine: c.textContent.trim().split('\n')[0].slice(0, 60),
    })),
    images: Array.from(document.images).map(i => ({
      url: i.currentSrc || i.src, ok: i.complete && i.naturalWidth > 0 })),
    // A disabled sheet (mdBook's unused highlight themes) is not loaded on purpose.
    sheets: Array.from(document.querySelectorAll('link[rel~="stylesheet"]'))
      .filter(l => !l.disabled)
      .map(l => ({ url: l.href, ok: l.sheet !== null })),
    languageSwitch: sw ? sw.href : null,
    height: document.documentElement.scrollHeight,
    sideways: Array.from(document.querySelectorAll('main pre'))
      .filter(p => p.offsetParent !== null && p.scrollWidth > p.clientWidth + 1).length,
  };
}"#;

/// Waits (up to `waitMs`) for a search result linking to `want` (an
/// absolute address), and returns the addresses the results link to, in
/// their order.
pub const SEARCH: &str = r#"async (want, waitMs) => {
  const deadline = Date.now() + waitMs;
  const found = () => Array.from(document.querySelectorAll('#mdbook-searchresults a, #searchresults a'))
    .map(a => a.href.split(/[?#]/)[0]);
  while (!found().includes(want) && Date.now() < deadline) await new Promise(r => setTimeout(r, 25));
  return found();
}"#;

/// Waits until the fonts are in and two frames are drawn, for a screenshot.
pub const PAINTED: &str = r#"async () => {
  await Promise.race([document.fonts.ready, new Promise(r => setTimeout(r, 2000))]);
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return true;
}"#;

/// Run before each page's own scripts. The test runs offline, and mdBook
/// asks play.rust-lang.org which crates its playground has as soon as a page
/// shows Rust: a stand-in answers "none" rather than let that request fail
/// as an uncaught error of every such page. Other outside requests still fail.
pub const OFFLINE_PLAYGROUND: &str = r#"(() => {
  const fetch = window.fetch;
  window.fetch = (url, options) => String(url) === 'https://play.rust-lang.org/meta/crates'
    ? Promise.resolve(new Response('{"crates": []}', { headers: { 'Content-Type': 'application/json' } }))
    : fetch(url, options);
})();"#;

/// What [`STATE`] returns.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageState {
    pub codes: Vec<Code>,
    pub images: Vec<Loaded>,
    pub sheets: Vec<Loaded>,
    pub language_switch: Option<String>,
    /// The page's height, in CSS pixels, at the width it was opened at.
    #[serde(default)]
    pub height: u32,
    /// Its code blocks that scroll sideways there.
    #[serde(default)]
    pub sideways: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Code {
    pub language: String,
    pub hljs: bool,
    pub tokens: usize,
    pub first_line: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Loaded {
    pub url: String,
    pub ok: bool,
}

/// Languages whose blocks always hold a token highlight.js colours.
const TOKENISED: [&str; 2] = ["rust", "python"];

/// The sentences (without the page's name) about one page's state.
/// `shown` turns an address into the path readers know; `failed` holds the
/// addresses already reported as failed requests, not to report them twice.
pub fn state_problems(
    state: &PageState,
    want_switch: bool,
    shown: impl Fn(&str) -> String,
    failed: &HashSet<String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let plain: Vec<&Code> = state.codes.iter().filter(|c| !c.hljs).collect();
    if let Some(first) = plain.first() {
        problems.push(format!(
            "{} of {} code blocks are not highlighted (no hljs class), the first {}",
            plain.len(),
            state.codes.len(),
            describe(first)
        ));
    }
    let bare: Vec<&Code> = state
        .codes
        .iter()
        .filter(|c| c.hljs && c.tokens == 0 && TOKENISED.contains(&c.language.as_str()))
        .collect();
    if let Some(first) = bare.first() {
        problems.push(format!(
            "{} {} no highlighted token (no span.hljs-*), the first {}",
            bare.len(),
            if bare.len() == 1 {
                "code block has"
            } else {
                "code blocks have"
            },
            describe(first)
        ));
    }
    for image in state
        .images
        .iter()
        .filter(|i| !i.ok && !failed.contains(&i.url))
    {
        problems.push(format!(
            "the image {} is not shown (not loaded, or not an image)",
            shown(&image.url)
        ));
    }
    for sheet in state
        .sheets
        .iter()
        .filter(|s| !s.ok && !failed.contains(&s.url))
    {
        problems.push(format!(
            "the stylesheet {} did not load (it has no sheet)",
            shown(&sheet.url)
        ));
    }
    if want_switch && state.language_switch.is_none() {
        problems.push("there is no language switch (a#language-switch)".to_string());
    }
    problems
}

/// A code block as a reader would find it: its language and first line.
fn describe(code: &Code) -> String {
    let language = if code.language.is_empty() {
        "without a language"
    } else {
        &code.language
    };
    format!("({language}) `{}`", code.first_line)
}

/// What a failed request was for, from DevTools' resource type.
pub fn noun(resource_type: &str) -> &'static str {
    match resource_type {
        "Stylesheet" => "stylesheet",
        "Script" => "script",
        "Image" => "image",
        "Font" => "font",
        "Document" => "page",
        "XHR" | "Fetch" => "request for",
        _ => "file",
    }
}

/// The first line of what a script or the console said, kept short.
pub fn one_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    if line.chars().count() > 200 {
        format!("{}…", line.chars().take(200).collect::<String>())
    } else {
        line.to_string()
    }
}

/// A problem on one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub page: String,
    pub text: String,
}

/// One sentence per distinct problem, naming the pages it was seen on: a
/// stylesheet missing from every page is one line, not eighty.
pub fn sentences(problems: &[Problem]) -> Vec<String> {
    let mut grouped: Vec<(&str, Vec<&str>)> = Vec::new();
    for problem in problems {
        match grouped.iter_mut().find(|(text, _)| *text == problem.text) {
            Some((_, pages)) => {
                if !pages.contains(&problem.page.as_str()) {
                    pages.push(&problem.page);
                }
            }
            None => grouped.push((&problem.text, vec![&problem.page])),
        }
    }
    grouped
        .into_iter()
        .map(|(text, pages)| {
            let named = match pages.len() {
                0..=3 => pages.join(", "),
                n => format!("{} and {} other pages", pages[..2].join(", "), n - 2),
            };
            format!("{named}: {text}")
        })
        .collect()
}
