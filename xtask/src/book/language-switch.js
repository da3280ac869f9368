// The course's book comes in two editions: English at the root, Chinese in
// zh-CN/. This puts a link to the same page in the other edition in the menu
// bar of every page. Written by `cargo xtask book`; no network, no cookies.
(function () {
    "use strict";
    const buttons = document.querySelector(".right-buttons");
    if (!buttons || typeof path_to_root === "undefined") {
        return;
    }
    const chinese = document.documentElement.lang.startsWith("zh");
    const root = new URL(path_to_root || "./", window.location.href);
    let page = window.location.pathname.slice(root.pathname.length);
    if (page === "" || page.endsWith("/")) {
        page += "index.html";
    }
    // The contributors' page is English only: its switch leads to the
    // Chinese edition's first page.
    if (!chinese && page === "contributing.html") {
        page = "index.html";
    }
    const link = document.createElement("a");
    link.id = "language-switch";
    link.href = path_to_root + (chinese ? "../" : "zh-CN/") + page;
    link.textContent = chinese ? "English" : "中文";
    link.lang = chinese ? "en" : "zh-CN";
    link.title = chinese ? "Read this page in English" : "阅读本页的中文版";
    link.setAttribute("aria-label", link.title);
    buttons.prepend(link);
})();
