// Material draws Mermaid diagrams itself (themed, re-drawn on instant
// navigation). Mermaid would also draw them on window load, racing Material
// and leaving raw, unthemed drawings behind, so its own start is turned off.
(function () {
  if (typeof mermaid === "undefined") return;
  mermaid.startOnLoad = false;
  mermaid.initialize({ startOnLoad: false });
})();
