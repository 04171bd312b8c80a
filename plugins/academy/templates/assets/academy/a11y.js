// @ts-check
// Accessible names that Material 9.8 leaves out (axe: aria-dialog-name,
// aria-progressbar-name, label). The header persists across instant
// navigation; the content is new on every page, so this runs on each.
(function () {
  "use strict";

  /** @param {Element | null} element @param {string} label */
  function name(element, label) {
    if (element && !element.hasAttribute("aria-label") && !element.hasAttribute("aria-labelledby")) {
      element.setAttribute("aria-label", label);
    }
  }

  function fix() {
    name(document.querySelector(".md-search[role='dialog']"), "搜索");
    name(document.querySelector(".md-progress[role='progressbar']"), "页面加载进度");
    document.querySelectorAll(".task-list-control input[type='checkbox']").forEach(function (box) {
      const item = box.closest("li");
      const text = item ? item.textContent.replace(/\s+/g, " ").trim() : "";
      name(box, text ? "检查项：" + text.slice(0, 80) : "检查项");
    });
  }

  // The progress bar is created on the first instant navigation.
  const observer = new MutationObserver(function () {
    name(document.querySelector(".md-progress[role='progressbar']"), "页面加载进度");
  });
  observer.observe(document.body, { childList: true });

  if (typeof document$ !== "undefined") document$.subscribe(fix);
  else fix();
})();
