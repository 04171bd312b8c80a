// @ts-check
// With storage disabled (a browser policy, a locked-down profile) reading
// `localStorage` throws, and Material's own inline scripts, which read it
// without a guard, fail on every page. Loaded in <head> before them, this
// puts an in-memory stand-in in its place for the page's lifetime. The
// stand-in carries a marker key so that our widgets still tell the trainee
// that nothing will be kept.
(function () {
  "use strict";
  try {
    window.localStorage.getItem("academy:probe");
    return;
  } catch (error) {
    // fall through: storage is unusable
  }
  var items = new Map([["academy:storage-unavailable", "1"]]);
  var memory = {
    getItem: function (/** @type {string} */ key) { return items.has(String(key)) ? items.get(String(key)) : null; },
    setItem: function (/** @type {string} */ key, /** @type {string} */ value) { items.set(String(key), String(value)); },
    removeItem: function (/** @type {string} */ key) { items.delete(String(key)); },
    clear: function () { items.clear(); },
    key: function (/** @type {number} */ index) { return Array.from(items.keys())[index] || null; },
  };
  Object.defineProperty(memory, "length", { get: function () { return items.size; } });
  try {
    Object.defineProperty(window, "localStorage", { configurable: true, value: memory });
  } catch (error) {
    // Cannot replace it: Material's scripts will report their own errors.
  }
})();
