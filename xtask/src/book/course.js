// The course's additions to mdBook's pages, written by `cargo xtask book`:
// no network, no cookies, nothing kept beyond this browser tab.
//
// - a link to the same page (and the same place on it) in the other edition;
// - each program's Python and Rust as tabs where the window is too narrow to
//   show them side by side (course.css lays them out), the choice remembered
//   for the whole page;
// - long listings folded, the whole file one click away;
// - tables that stack their rows on a phone, each cell labelled with its column;
// - every fold opened for printing.
// (The Chinese edition's search cuts a query as its index is cut: that
// script is part of the index itself, see xtask/src/book/search.rs.)
(function () {
    "use strict";
    const chinese = document.documentElement.lang.startsWith("zh");

    // The language switch, in the menu bar.
    const buttons = document.querySelector(".right-buttons");
    if (buttons && typeof path_to_root !== "undefined") {
        const root = new URL(path_to_root || "./", window.location.href);
        let page = window.location.pathname.slice(root.pathname.length);
        if (page === "" || page.endsWith("/")) {
            page += "index.html";
        }
        // The contributors' page is English only: its switch leads to the
        // Chinese edition's first page.
        const englishOnly = !chinese && page === "contributing.html";
        if (englishOnly) {
            page = "index.html";
        }
        const link = document.createElement("a");
        link.id = "language-switch";
        const target = path_to_root + (chinese ? "../" : "zh-CN/") + page;
        // Both editions name a place by the English edition's anchor: the
        // Chinese pages carry it beside each translated heading.
        const place = () => {
            const id = decodeURIComponent(window.location.hash.slice(1));
            if (englishOnly || id === "") {
                return "";
            }
            if (!chinese) {
                return "#" + encodeURIComponent(id);
            }
            let at = document.getElementById(id);
            if (at && at.classList.contains("en-id")) {
                return "#" + encodeURIComponent(id);
            }
            // A Chinese heading's own id: the English one stands just before it.
            const all = Array.from(document.querySelectorAll("a.en-id, [id]"));
            const index = all.indexOf(at);
            for (let i = index; i >= 0; i--) {
                if (all[i].classList && all[i].classList.contains("en-id")) {
                    return "#" + encodeURIComponent(all[i].id);
                }
            }
            return "";
        };
        const update = () => { link.href = target + place(); };
        update();
        window.addEventListener("hashchange", update);
        link.addEventListener("click", update);
        link.textContent = chinese ? "English" : "中文";
        link.lang = chinese ? "en" : "zh-CN";
        link.title = chinese ? "Read this page in English" : "阅读本页的中文版";
        link.setAttribute("aria-label", link.title);
        buttons.prepend(link);
    }

    // Python | Rust tabs for each pair of programs.
    const pairs = Array.from(document.querySelectorAll(".pair"));
    const remembered = () => window.sessionStorage.getItem("course-pair") || "python";
    const show = (lang) => {
        window.sessionStorage.setItem("course-pair", lang);
        for (const pair of pairs) {
            pair.dataset.show = lang;
            for (const tab of pair.querySelectorAll(".pair-tabs button")) {
                tab.setAttribute("aria-selected", String(tab.dataset.lang === lang));
            }
        }
    };
    for (const pair of pairs) {
        const tabs = document.createElement("div");
        tabs.className = "pair-tabs";
        tabs.setAttribute("role", "tablist");
        for (const side of pair.querySelectorAll(".pair-side")) {
            const tab = document.createElement("button");
            tab.type = "button";
            tab.setAttribute("role", "tab");
            tab.dataset.lang = side.dataset.lang;
            tab.textContent = side.dataset.lang === "python" ? "Python" : "Rust";
            tab.addEventListener("click", () => show(tab.dataset.lang));
            tabs.appendChild(tab);
        }
        pair.prepend(tabs);
    }
    if (pairs.length > 0) {
        show(remembered());
    }

    // Long listings: folded to their first screen, the rest one click away.
    // Every long block: listings, runs, patches (inside a fold, a patch is
    // already hidden until asked for, and stays whole when opened).
    const FOLDED_LINES = 24;
    for (const code of document.querySelectorAll("main pre > code")) {
        if (code.closest("details")) {
            continue;
        }
        const lines = code.textContent.split("\n").length;
        if (lines <= FOLDED_LINES + 8) {
            continue;
        }
        const pre = code.parentElement;
        pre.classList.add("folded");
        const more = document.createElement("button");
        more.type = "button";
        more.className = "unfold";
        more.textContent = chinese ? `展开全部 ${lines} 行` : `Show all ${lines} lines`;
        more.addEventListener("click", () => {
            pre.classList.remove("folded");
            more.remove();
        });
        pre.after(more);
    }

    // Tables: each cell knows its column's name, for the stacked phone layout.
    for (const table of document.querySelectorAll("main table")) {
        const names = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
        for (const row of table.querySelectorAll("tbody tr")) {
            Array.from(row.children).forEach((cell, i) => {
                if (names[i]) {
                    cell.dataset.label = names[i];
                }
            });
        }
    }

    // Printing shows everything: every fold open, every listing whole.
    const openAll = () => {
        for (const details of document.querySelectorAll("details")) {
            details.open = true;
        }
        for (const pre of document.querySelectorAll("pre.folded")) {
            pre.classList.remove("folded");
        }
    };
    window.addEventListener("beforeprint", openAll);
    if (window.location.pathname.endsWith("/print.html")) {
        openAll();
    }
})();
