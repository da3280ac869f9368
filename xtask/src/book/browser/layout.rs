//! What a reader sees of a page's layout, asked of the page at a given
//! window size: a script that measures the page and answers with the
//! problems it found and the figures it measured.

use serde::Deserialize;
use serde_json::Value;

use super::{Run, checks};

/// One measurement: `script` run in `page` (relative to the book's root, a
/// `#place` allowed) opened `width` × `height` CSS pixels, given `arg`.
#[derive(Debug, Clone)]
pub struct Probe {
    pub page: String,
    pub width: u32,
    pub height: u32,
    pub script: &'static str,
    pub arg: Value,
}

/// What a probe's script answers.
#[derive(Debug, Default, Deserialize)]
struct Answer {
    #[serde(default)]
    problems: Vec<String>,
    #[serde(default)]
    figures: Vec<(String, f64)>,
}

/// The text column is at least `arg` CSS pixels wide.
pub const COLUMN: &str = r#"(least) => {
  const width = document.querySelector('main').getBoundingClientRect().width;
  return {
    problems: width >= least ? [] : [`its text column is ${Math.round(width)} px wide, less than ${least}`],
    figures: [['text column, px', Math.round(width)]],
  };
}"#;

/// Every pair of programs stands side by side (`arg` true: two columns,
/// aligned at the top) or as tabs showing one side (`arg` false).
pub const PAIRS: &str = r#"(sideBySide) => {
  const pairs = Array.from(document.querySelectorAll('main .pair'));
  const problems = [];
  if (pairs.length === 0) problems.push('it has no pair of programs');
  pairs.forEach((pair, n) => {
    const sides = Array.from(pair.querySelectorAll(':scope > .pair-side'));
    const shown = sides.filter(s => s.offsetParent !== null);
    const tabs = pair.querySelector('.pair-tabs');
    const tabsShown = tabs !== null && tabs.offsetParent !== null;
    if (sideBySide) {
      const [a, b] = shown.map(s => s.getBoundingClientRect());
      if (shown.length !== 2) problems.push(`pair ${n + 1} shows ${shown.length} of its 2 programs`);
      else if (Math.abs(a.top - b.top) > 2 || b.left <= a.right - 2)
        problems.push(`pair ${n + 1}'s Python and Rust are not side by side, aligned at the top`);
    } else if (shown.length !== 1 || !tabsShown) {
      problems.push(`pair ${n + 1} is not shown as tabs (${shown.length} programs shown, tabs ${tabsShown ? 'shown' : 'hidden'})`);
    }
  });
  return { problems, figures: [['pairs', pairs.length]] };
}"#;

/// No table hides a column: every cell lies inside the text column, and no
/// table scrolls sideways.
pub const TABLES: &str = r#"() => {
  const main = document.querySelector('main').getBoundingClientRect();
  const problems = [];
  const tables = Array.from(document.querySelectorAll('main table'));
  tables.forEach((table, n) => {
    const cells = Array.from(table.querySelectorAll('td, th')).filter(c => c.offsetParent !== null);
    const outside = cells.filter(c => c.getBoundingClientRect().right > main.right + 1);
    if (outside.length > 0 || table.scrollWidth > table.clientWidth + 1) {
      const first = (table.querySelector('th, td') || {}).textContent || '';
      problems.push(`table ${n + 1} ("${first.trim().slice(0, 30)}…") does not fit: ${outside.length} cell(s) beyond the text column`);
    }
  });
  return { problems, figures: [['tables', tables.length]] };
}"#;

/// The exercises' folds are closed, and come in order: the prediction's
/// answer, the hint, the solution.
pub const FOLDED: &str = r#"() => {
  const folds = Array.from(document.querySelectorAll('main details'));
  const open = folds.filter(d => d.open).length;
  return {
    problems: open === 0 ? [] : [`${open} of its ${folds.length} folds are open before the reader asks`],
    figures: [['folds', folds.length]],
  };
}"#;

/// The page opened at `#arg` shows that place at the top, and its language
/// switch leads to the same place in the other edition.
pub const PLACE: &str = r#"async (id) => {
  await new Promise(r => setTimeout(r, 300));
  const problems = [];
  const at = document.getElementById(id);
  if (!at) problems.push(`it has no element with id "${id}"`);
  else {
    const top = at.getBoundingClientRect().top;
    if (top < -20 || top > 200) problems.push(`#${id} is ${Math.round(top)} px from the top of the window, not at it`);
  }
  const sw = document.querySelector('a#language-switch');
  if (!sw) problems.push('it has no language switch');
  else if (!sw.href.endsWith('#' + encodeURIComponent(id)))
    problems.push(`its language switch leads to ${sw.href}, which drops #${id}`);
  return { problems, figures: [] };
}"#;

/// The page links every exercise: `arg` links to a lesson's exercise.
pub const EXERCISES: &str = r#"(count) => {
  const links = Array.from(document.querySelectorAll('main li a'))
    .filter(a => /\.html#\d+-/.test(a.getAttribute('href') || ''));
  return {
    problems: links.length === count ? [] : [`it links ${links.length} exercises, not ${count}`],
    figures: [['exercises linked', links.length]],
  };
}"#;

impl Run {
    /// Runs one probe: its problems are the page's, its figures the summary's.
    pub(super) fn probe(&mut self, probe: &Probe) -> Result<(), String> {
        self.resize(probe.width, probe.height)?;
        let (path, place) = match probe.page.split_once('#') {
            Some((path, place)) => (path.to_string(), format!("#{place}")),
            None => (probe.page.clone(), String::new()),
        };
        let name = format!("{} at {} px", probe.page, probe.width);
        let url = format!("{}{place}", self.server.url(&path));
        if self.open(&name, &url)?
            && self
                .evaluate(&name, &format!("({})()", checks::PAINTED))?
                .is_some()
        {
            let expression = format!("({})({})", probe.script, probe.arg);
            if let Some(value) = self.evaluate(&name, &expression)? {
                let answer: Answer = serde_json::from_value(value).unwrap_or_default();
                for text in answer.problems {
                    self.problem(&name, text);
                }
                for (figure, value) in answer.figures {
                    self.summary
                        .figures
                        .push((format!("{name}: {figure}"), value));
                }
            }
        }
        self.resize(super::PAGE_WIDTH, super::PAGE_HEIGHT)?;
        Ok(())
    }
}
