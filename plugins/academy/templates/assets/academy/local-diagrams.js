// @ts-check
// Diagrams with no internet. On a page with a diagram, Material loads Mermaid
// by adding a <script> for its CDN copy to <head> and draws once that script
// has loaded. Loaded in <head> before Material, this sends the request to the
// site's own copy instead: the vendored Mermaid, then diagrams.js (which
// adapts it to a strict Content-Security-Policy) in place of Material's
// script, so Material draws once both have run. Pages without diagrams load
// neither.
(function () {
  "use strict";
  var CDN = /^https:\/\/unpkg\.com\/mermaid@/;
  var script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  var here = script && script.src;
  if (!here) return;
  var renderer = new URL("../vendor/mermaid/mermaid.min.js", here).href;
  var adapter = new URL("diagrams.js", here).href;

  var appendChild = Node.prototype.appendChild;
  Node.prototype.appendChild = /** @type {any} */ (function (/** @type {Node} */ node) {
    if (node instanceof HTMLScriptElement && CDN.test(node.src)) {
      var mermaid = document.createElement("script");
      mermaid.src = renderer;
      mermaid.async = false;  // scripts added with async off run in the order added
      appendChild.call(this, mermaid);
      node.src = adapter;
      node.async = false;
    }
    return appendChild.apply(this, /** @type {any} */ (arguments));
  });
})();
