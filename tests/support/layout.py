"""What runs off the screen at phone, tablet and desktop widths: the document wider
than the window, or an element of the article reaching past it or cut off."""

from __future__ import annotations

from playwright.sync_api import Page

# A phone (what fits at 360 px fits at 390: same layout, more room), a tablet, a small
# and a large desktop.
WIDTHS = (360, 768, 1024, 1440)

# What runs off the page: the document wider than the window, or an element of a
# result (or of the page's article) reaching past the window or cut by an ancestor
# that hides its overflow. Tables that scroll in their own box are fine.
OVERFLOW = """async () => {
  // once the page's own resize handlers have run
  await new Promise((done) => requestAnimationFrame(done));
  const width = innerWidth;
  const found = [];
  const page = document.documentElement.scrollWidth;
  if (page > width) found.push(`document ${page} px wide in a ${width} px window`);
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const folded = ".academy-visually-hidden, [hidden], details:not([open]) > :not(summary)";
  const own = "svg, .md-typeset__scrollwrap, pre, .highlight";  // Material's own scrolling boxes
  const name = (el) => `${el.tagName.toLowerCase()}.${el.className} "${
    (el.textContent || "").trim().slice(0, 30)}"`;
  for (const el of document.querySelectorAll(".md-content__inner *")) {
    if (el.closest(folded) || el.closest(own)) continue;
    const rect = el.getBoundingClientRect();
    if (!rect.width || !rect.height) continue;
    let box = el.parentElement;
    const inScrollBox = () => {
      while (box && box !== document.body && !scrolls(box)) box = box.parentElement;
      return box && box !== document.body;
    };
    if ((rect.right > width + 1 || rect.left < -1) && !inScrollBox()) {
      found.push(`${name(el)} spans ${Math.round(rect.left)}–${Math.round(rect.right)} px`);
    }
    if (!el.closest("[data-academy]") || el.scrollWidth <= el.clientWidth + 1) continue;
    const style = getComputedStyle(el);
    const clips = ["hidden", "clip"].includes(style.overflowX) && style.textOverflow !== "ellipsis";
    if (clips && !inScrollBox()) {
      found.push(`${name(el)} cuts its content (${el.scrollWidth} > ${el.clientWidth} px)`);
    }
    if (found.length > 5) break;
  }
  return found;
}"""


def check_widths(tab: Page, where: str, problems: list[str]) -> None:
    for width in WIDTHS:
        tab.set_viewport_size({"width": width, "height": 800})
        found = tab.evaluate(OVERFLOW)
        if found:  # Material animates its drawer and sidebars when the layout changes
            tab.wait_for_timeout(500)
            found = tab.evaluate(OVERFLOW)
        problems += [f"{where} at {width} px: {text}" for text in found]
