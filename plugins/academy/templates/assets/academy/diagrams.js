// @ts-check
// Diagrams under a strict Content-Security-Policy (style-src 'self'). Loaded
// right after Mermaid, on pages with diagrams only (see local-diagrams.js).
//
// Material draws Mermaid diagrams itself (themed, re-drawn on instant
// navigation); Mermaid would also draw them on window load, racing Material,
// so its own start is turned off.
//
// Mermaid styles a drawing with a <style> element and style="" attributes,
// both of which such a policy blocks. While Mermaid draws, the same styles take
// the routes a policy allows: a <style> element becomes a constructed
// stylesheet (on the page while Mermaid measures, then in the diagram's shadow
// root), and style attributes are set through the element's style object.
(function () {
  "use strict";
  if (typeof mermaid === "undefined") return;
  mermaid.startOnLoad = false;
  mermaid.initialize({ startOnLoad: false });
  if (typeof mermaid.render !== "function" || typeof CSSStyleSheet !== "function" ||
      !("adoptedStyleSheets" in document)) return;

  var STYLE_ATTRIBUTE = /\sstyle=(?:"([^"]*)"|'([^']*)')/g;
  var STYLED = /\s(?:data-academy-style|style)=["']/;
  var STYLE_ELEMENT = /<style[^>]*>([\s\S]*?)<\/style>/g;
  // Mermaid draws one diagram at a time, in the order asked: the stylesheets
  // met belong to the oldest drawing still under way.
  /** @type {CSSStyleSheet[][]} */
  var drawings = [];

  // DOMPurify hands over TrustedHTML; this policy asks for no Trusted Types.
  /** @param {unknown} value */
  function text(value) {
    return value !== null && typeof value === "object" ? String(value) : value;
  }

  /** @param {string} html */
  function asData(html) {
    return html.replace(STYLE_ATTRIBUTE, function (/** @type {string} */ _, /** @type {string | undefined} */ double, /** @type {string} */ single) {
      var value = double !== undefined ? double : single.replace(/"/g, "&quot;");
      return ' data-academy-style="' + value + '"';
    });
  }

  /** @param {ParentNode} root */
  function applyStyles(root) {
    /** @type {NodeListOf<HTMLElement | SVGElement>} */ (root.querySelectorAll("[data-academy-style]")).forEach(function (element) {
      element.style.cssText = /** @type {string} */ (element.getAttribute("data-academy-style"));
      element.removeAttribute("data-academy-style");
    });
  }

  /** @param {string} css */
  function sheetOf(css) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return sheet;
  }

  var setAttribute = Element.prototype.setAttribute;
  /** @this {Element & { style?: CSSStyleDeclaration }} @param {string} name @param {string} value */
  Element.prototype.setAttribute = function (name, value) {
    if (drawings.length && String(name).toLowerCase() === "style" && this.style) {
      this.style.cssText = String(value);
      return undefined;
    }
    return setAttribute.apply(this, /** @type {any} */ (arguments));
  };

  var innerHTML = /** @type {{ enumerable: boolean, get: () => string, set: (this: Element, value: unknown) => void }} */ (
    Object.getOwnPropertyDescriptor(Element.prototype, "innerHTML"));
  Object.defineProperty(Element.prototype, "innerHTML", {
    configurable: true,
    enumerable: innerHTML.enumerable,
    get: innerHTML.get,
    /** @this {Element} @param {unknown} value */
    set: function (value) {
      var html = text(value);
      if (!drawings.length || typeof html !== "string" || !STYLED.test(html)) return innerHTML.set.call(this, value);
      innerHTML.set.call(this, asData(html));
      applyStyles(this);
      return undefined;
    },
  });

  // Mermaid sanitises labels and the finished drawing by parsing them.
  var parseFromString = DOMParser.prototype.parseFromString;
  /** @this {DOMParser} @param {string} value @param {DOMParserSupportedType} type */
  DOMParser.prototype.parseFromString = function (value, type) {
    var html = text(value);
    if (drawings.length && typeof html === "string" && STYLED.test(html)) {
      var parsed = parseFromString.call(this, asData(html), type);
      applyStyles(parsed);
      return parsed;
    }
    return parseFromString.apply(this, /** @type {any} */ (arguments));
  };

  // Typed loosely: these wrap generic DOM methods for every node type.
  /** @param {Function} insert @returns {any} */
  function keepStyleOut(insert) {
    /** @this {Node} @param {Node} node */
    return function (node) {
      if (drawings.length && node && node.nodeName && node.nodeName.toLowerCase() === "style") {
        var sheet = sheetOf(node.textContent || "");
        drawings[0].push(sheet);
        document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
        return node;
      }
      return insert.apply(this, arguments);
    };
  }
  Node.prototype.appendChild = keepStyleOut(Node.prototype.appendChild);
  Node.prototype.insertBefore = keepStyleOut(Node.prototype.insertBefore);

  /** @param {MermaidRender} result @param {CSSStyleSheet[]} own */
  function finished(result, own) {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter(function (sheet) {
      return own.indexOf(sheet) < 0;
    });
    /** @type {CSSStyleSheet[]} */
    var extra = [];
    var svg = asData(String(result.svg).replace(STYLE_ELEMENT, function (_, rules) {
      extra.push(sheetOf(rules));
      return "";
    }));
    var then = result.fn;
    // Material calls `fn` with the shadow root it put the drawing in.
    var apply = function (/** @type {ShadowRoot | Element} */ root) {
      if ("adoptedStyleSheets" in root) root.adoptedStyleSheets = own.concat(extra);
      applyStyles(root);
      if (typeof then === "function") then(root);
    };
    return Object.assign({}, result, { svg: svg, fn: apply });
  }

  var render = mermaid.render;
  mermaid.render = function () {
    var args = /** @type {any} */ (arguments);
    /** @type {CSSStyleSheet[]} */
    var own = [];
    drawings.push(own);
    var done = function () {
      drawings.splice(drawings.indexOf(own), 1);
      return own;
    };
    return Promise.resolve()
      .then(function () { return render.apply(mermaid, args); })
      .then(function (result) { return finished(result, done()); }, function (error) {
        finished({ svg: "" }, done());
        throw error;
      });
  };
})();
