// @ts-check
// Opened from a file share (file://), Material's instant navigation never
// emits `document$`, so nothing on the page is mounted: diagrams stay as
// source, tables unwrapped, widgets absent. This script runs in <head>, before
// the page's configuration block is parsed, and takes instant navigation out
// of that configuration when the page is a local file. The parser delivers
// mutation records at every </script>, so the edit lands before Material's
// bundle reads the configuration.
(function () {
  if (location.protocol !== "file:" || typeof MutationObserver === "undefined") return;
  var observer = new MutationObserver(function () {
    var block = document.getElementById("__config");
    if (!block) return;
    observer.disconnect();
    try {
      var config = JSON.parse(block.textContent);
      config.features = (config.features || []).filter(function (/** @type {string} */ feature) {
        return feature.indexOf("navigation.instant") !== 0;
      });
      block.textContent = JSON.stringify(config);
    } catch (error) {
      // Leave a configuration we cannot read exactly as it was.
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
})();
