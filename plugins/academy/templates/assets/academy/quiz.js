// Quizzes and knowledge checks in the browser. The plugin renders every
// question, option, explanation and all data (data-*); this script adds the
// behaviour: answering, scoring with AcademyScoring (scoring.js), feedback,
// the SPCM result with its charts, history in localStorage, export and print.
// Author and stored text is only ever set with textContent; the sanitised
// HTML the server rendered is moved or cloned, never parsed from strings.
(function () {
  "use strict";

  if (typeof AcademyScoring === "undefined") return;

  var SCHEMA = 1;
  var NOTICE =
    "无法保存学习进度：浏览器存储不可用或已损坏。本页的操作在关闭页面后不会保留。";
  var NO_ROLE = "尚未选择角色：请到首页选择“我是…”，以便与目标级别比较";
  var SVG = "http://www.w3.org/2000/svg";
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var KEEP_NAMES = { best: "最好成绩", last: "最后一次", first: "第一次", average: "平均" };
  var KEEP_RULES = {
    best: "多次作答时，以知识题得分最高的一次为准（同分取较晚的一次）",
    last: "多次作答时，以最后一次为准",
    first: "多次作答时，以第一次为准",
    average: "多次作答时，知识题得分取各次平均，级别取最后一次",
  };
  var uid = 0;

  // ---------------------------------------------------------------- helpers

  function make(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    return node;
  }

  // A wide table scrolls sideways in its box; keyboard users reach it with Tab.
  function scrollRegion(label) {
    return make("div", null, Object.assign({ class: "academy-result__scroll", role: "region", tabindex: "0" }, label));
  }

  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, String(attributes[name]));
    });
    if (text != null) node.textContent = text;
    return node;
  }

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function own(object, key) {
    return isRecord(object) && Object.prototype.hasOwnProperty.call(object, key);
  }

  function pick(object, key) {
    return own(object, key) ? object[key] : undefined;
  }

  function each(list, callback) {
    Array.prototype.forEach.call(list, callback);
  }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function parseJSON(text, fallback) {
    try {
      var value = JSON.parse(text);
      return value === undefined ? fallback : value;
    } catch (error) {
      return fallback;
    }
  }

  function pad(number) {
    return String(number).padStart(2, "0");
  }

  function localDate(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function when(iso) {
    var date = new Date(iso);
    if (typeof iso !== "string" || isNaN(date.getTime())) return String(iso || "");
    return localDate(date) + " " + pad(date.getHours()) + ":" + pad(date.getMinutes());
  }

  function number(value) {
    return String(Math.round(value * 100) / 100);
  }

  function percent(share) {
    return Math.round(share * 1000) / 10 + "%";
  }

  function shuffled(list) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = copy[i];
      copy[i] = copy[j];
      copy[j] = swap;
    }
    return copy;
  }

  function isPermutation(order, values) {
    if (!Array.isArray(order) || order.length !== values.length) return false;
    var sorted = order.slice().sort();
    var wanted = values.slice().sort();
    return sorted.every(function (value, index) {
      return value === wanted[index];
    });
  }

  function reducedMotion() {
    return Boolean(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  // Only links the server rendered into this site, never javascript: or data:.
  function safeHref(href) {
    if (typeof href !== "string") return null;
    try {
      var url = new URL(href, document.baseURI);
      return /^(https?|file):$/.test(url.protocol) ? href : null;
    } catch (error) {
      return null;
    }
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var link = make("a", null, { href: url, download: name });
    // A detached link: its click never reaches Material's instant navigation.
    link.click();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
  }

  // Code-point order, as Python's sorted() orders the keys of the answers.
  function byCodePoint(a, b) {
    var x = Array.from(a);
    var y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  // results.answers_checksum: FNV-1a (32 bit) over the UTF-8 bytes of
  // JSON.stringify([quiz id, version, [[key, value] for keys sorted]]), 8 hex digits.
  // Python writes that JSON with ensure_ascii=False and no spaces: the same text.
  function answersChecksum(quizId, version, answers) {
    var pairs = Object.keys(answers).sort(byCodePoint).map(function (key) {
      return [key, answers[key]];
    });
    var bytes = new TextEncoder().encode(JSON.stringify([quizId, version, pairs]));
    var value = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      value = Math.imul(value ^ bytes[i], 0x01000193) >>> 0;
    }
    return ("00000000" + value.toString(16)).slice(-8);
  }

  // The site's root folder: the quiz's data-site-root (rendered by the
  // plugin), else Material's logo link, which points at the home page.
  function siteRoot() {
    var quiz = document.querySelector("[data-academy='quiz'][data-site-root]");
    var logo = document.querySelector("a.md-logo[href]");
    var href = quiz ? quiz.getAttribute("data-site-root") : logo ? logo.getAttribute("href") : null;
    if (href === null) return null;
    try {
      return new URL(".", new URL(href, location.href)).href;
    } catch (error) {
      return null;
    }
  }

  // A link made relative to the site root, so the dashboard (another page,
  // maybe another host name for the same site) can resolve it; absolute when
  // it leads outside the site.
  function rootRelative(href) {
    var url;
    try {
      url = new URL(href, location.href).href;
    } catch (error) {
      return null;
    }
    var root = siteRoot();
    return root && url.indexOf(root) === 0 ? url.slice(root.length) : url;
  }

  // The attempt whose result counts, by the quiz's retake policy (data-keep).
  // academy.js (the dashboard) makes the same choice from the stored scores.
  //   best:    the highest knowledge share; ties go to the later attempt.
  //   last / first: as named.
  //   average: the mean knowledge share of the scored attempts is shown, and
  //            the levels, gaps and plan are the last attempt's: a mean of
  //            ladder levels has no meaning, and the last attempt is the
  //            trainee's current state.
  // share(attempt) gives the attempt's knowledge share or null.
  function keptOf(attempts, keep, share) {
    if (!attempts.length) return null;
    var index = attempts.length - 1;
    if (keep === "first") index = 0;
    if (keep === "best") {
      var top = -Infinity;
      attempts.forEach(function (attempt, i) {
        var value = share(attempt);
        value = typeof value === "number" ? value : -1;
        if (value >= top) {
          top = value;
          index = i;
        }
      });
    }
    var kept = { attempt: attempts[index], index: index, average: null, count: 0 };
    if (keep === "average") {
      var values = attempts.map(share).filter(function (value) {
        return typeof value === "number";
      });
      kept.count = values.length;
      if (values.length) {
        kept.average = values.reduce(function (sum, value) { return sum + value; }, 0) / values.length;
      }
    }
    return kept;
  }

  // ----------------------------------------------- storage (as academy.js)

  function emptyData() {
    return { schema: SCHEMA, role: null, done: {}, log: {}, results: {} };
  }

  function isText(value) {
    return typeof value === "string";
  }

  function isLogEntry(entry) {
    return isRecord(entry) && Array.isArray(entry.answers) && entry.answers.every(isText) && isText(entry.updated);
  }

  // The same check as academy.js: what it accepts, this accepts.
  function normalize(value) {
    if (!isRecord(value) || value.schema !== SCHEMA) return null;
    var data = Object.assign(emptyData(), value);
    var valid =
      (data.role === null || isText(data.role)) &&
      isRecord(data.done) && Object.keys(data.done).every(function (step) { return isText(data.done[step]); }) &&
      isRecord(data.log) && Object.keys(data.log).every(function (day) {
        return /^\d{4}-\d{2}-\d{2}$/.test(day) && isLogEntry(data.log[day]);
      }) &&
      isRecord(data.results);
    return valid ? data : null;
  }

  var stores = {};

  function localStore() {
    try {
      var storage = window.localStorage || null;
      // storage-guard.js stands in (in memory) for storage that is disabled
      if (storage && storage.getItem("academy:storage-unavailable") === "1") return null;
      return storage;
    } catch (error) {
      return null; // disabled storage throws on access
    }
  }

  function storeFor(site) {
    if (!stores[site]) stores[site] = { key: "academy:" + site, data: emptyData(), broken: false };
    return stores[site];
  }

  function setAside(storage, store, raw) {
    try {
      storage.setItem(store.key + ":corrupt:" + new Date().toISOString(), raw);
      storage.removeItem(store.key);
    } catch (error) {
      // Full or read-only: leave the value where it is.
    }
  }

  // Once storage fails, the rest of the page session runs from memory.
  function load(store) {
    if (store.broken) return;
    var storage = localStore();
    var raw = null;
    try {
      raw = storage ? storage.getItem(store.key) : null;
    } catch (error) {
      storage = null;
    }
    if (!storage) {
      store.broken = true;
      return;
    }
    if (raw === null) {
      store.data = emptyData();
      return;
    }
    var parsed = parseJSON(raw, null);
    var data = normalize(parsed);
    if (data) {
      store.data = data;
      return;
    }
    if (!(isRecord(parsed) && typeof parsed.schema === "number" && parsed.schema > SCHEMA)) {
      setAside(storage, store, raw);
    }
    store.data = emptyData();
    store.broken = true;
  }

  // Read, change and write the whole object in one go: academy.js writes it too.
  function update(store, change) {
    load(store);
    change(store.data);
    if (store.broken) return;
    try {
      window.localStorage.setItem(store.key, JSON.stringify(store.data));
    } catch (error) {
      store.broken = true;
    }
  }

  function attemptsOf(store, key) {
    var entry = pick(store.data.results, key);
    var attempts = isRecord(entry) && Array.isArray(entry.attempts) ? entry.attempts : [];
    return attempts.filter(function (attempt) {
      return isRecord(attempt) && typeof attempt.submitted === "string";
    });
  }

  // meta: what the dashboard needs about the quiz (title, page, mode, keep).
  function addAttempt(store, key, attempt, meta) {
    update(store, function (data) {
      var entry = pick(data.results, key);
      var next = isRecord(entry) ? Object.assign({}, entry) : {};
      Object.assign(next, meta || {});
      if (Array.isArray(next.attempts)) {
        next.attempts = next.attempts.concat([attempt]);
      } else {
        if (next.attempts !== undefined) next["attempts:corrupt"] = next.attempts;
        next.attempts = [attempt];
      }
      Object.defineProperty(data.results, key, { value: next, writable: true, enumerable: true, configurable: true });
    });
  }

  // ------------------------------------------------------------ the quiz

  function readQuiz(root) {
    var spec = parseJSON(root.dataset.spec, null);
    if (!isRecord(spec) || !isRecord(spec.model) || !Array.isArray(spec.questions)) return null;
    var levels = parseJSON(root.dataset.levels, []);
    var groups = parseJSON(root.dataset.groups, []);
    var roles = parseJSON(root.dataset.roles, {});
    var review = parseJSON(root.dataset.review, {});
    var levelNames = {};
    (Array.isArray(levels) ? levels : []).forEach(function (level) {
      if (isRecord(level) && typeof level.id === "string") levelNames[level.id] = String(level.name || level.id);
    });
    var byId = {};
    spec.questions.forEach(function (question) {
      if (isRecord(question)) byId[question.id] = question;
    });
    var version = root.dataset.version;
    var wait = Number(root.dataset.waitMinutes);
    return {
      id: root.dataset.quiz || "",
      // assessed: the page has no key; answers go to the trainer in a response file
      mode: root.dataset.mode === "assessed" ? "assessed" : "practice",
      keep: own(KEEP_NAMES, root.dataset.keep) ? root.dataset.keep : "best",
      waitMinutes: Number.isInteger(wait) && wait > 0 ? wait : 0,
      version: /^\d+$/.test(version || "") ? Number(version) : version,
      title: root.dataset.title || "",
      build: root.dataset.build || "",
      embedded: root.dataset.embedded === "true",
      shuffle: root.dataset.shuffle === "true",
      spec: spec,
      byId: byId,
      levels: spec.model.levels || [],
      dimensions: spec.model.dimensions || [],
      threshold: spec.model.threshold,
      levelNames: levelNames,
      groups: Array.isArray(groups) ? groups.filter(isRecord) : [],
      roles: isRecord(roles) ? roles : {},
      review: isRecord(review) ? review : {},
    };
  }

  function levelName(quiz, level) {
    return own(quiz.levelNames, level) ? quiz.levelNames[level] : String(level);
  }

  // "SOC-管理一级" → "管理一级", as the gap cells show it.
  function shortLevel(quiz, level) {
    return levelName(quiz, level).replace(/^SOC-/, "");
  }

  function roleOf(quiz, role) {
    var found = typeof role === "string" ? pick(quiz.roles, role) : undefined;
    return isRecord(found) ? found : null;
  }

  function targetOf(quiz, role) {
    var found = roleOf(quiz, role);
    return found && typeof found.target === "string" ? found.target : null;
  }

  // One object per fieldset: its question, kind and the nodes we work with.
  function readQuestions(form, quiz) {
    return all(form, "fieldset.academy-q[data-question]").map(function (fieldset) {
      var id = fieldset.dataset.question;
      return {
        id: id,
        spec: own(quiz.byId, id) ? quiz.byId[id] : null,
        type: fieldset.dataset.type,
        fieldset: fieldset,
        legendNumber: fieldset.querySelector(".academy-q__number"),
        options: fieldset.querySelector(".academy-q__options"),
        list: fieldset.querySelector("[data-academy-order]"),
        feedback: fieldset.querySelector("[data-academy-feedback]"),
        initialItems: all(fieldset, "[data-academy-order] > li[data-item]").map(function (item) {
          return Number(item.dataset.item);
        }),
      };
    });
  }

  function optionLabels(question) {
    return question.options ? all(question.options, ":scope > label.academy-q__option") : [];
  }

  function items(question) {
    return question.list ? all(question.list, ":scope > li[data-item]") : [];
  }

  function itemText(item) {
    var text = item.querySelector(".academy-q__item-text");
    return (text ? text.textContent : item.textContent).trim();
  }

  function optionValue(label) {
    var input = label.querySelector("input");
    return input ? input.value : "";
  }

  // ------------------------------------------------------ display order

  function letterOptions(question) {
    if (question.type !== "single" && question.type !== "multiple") return;
    optionLabels(question).forEach(function (label, index) {
      var letter = label.querySelector(".academy-q__letter");
      if (!letter) {
        letter = make("span", null, { class: "academy-q__letter" });
        var input = label.querySelector("input");
        label.insertBefore(letter, input ? input.nextSibling : label.firstChild);
      }
      letter.textContent = (LETTERS[index] || String(index + 1)) + ".";
    });
  }

  function setOptionOrder(question, order) {
    var labels = optionLabels(question);
    var byValue = {};
    labels.forEach(function (label) {
      byValue[optionValue(label)] = label;
    });
    order.forEach(function (value) {
      question.options.appendChild(byValue[String(value)]);
    });
  }

  function setItemOrder(question, order) {
    var byItem = {};
    items(question).forEach(function (item) {
      byItem[item.dataset.item] = item;
    });
    order.forEach(function (value) {
      question.list.appendChild(byItem[String(value)]);
    });
  }

  function currentOrder(question) {
    if (question.type === "single" || question.type === "multiple") {
      return optionLabels(question).map(function (label) {
        return Number(optionValue(label));
      });
    }
    if (question.type === "ordering") {
      return items(question).map(function (item) {
        return Number(item.dataset.item);
      });
    }
    return null;
  }

  function numberQuestions(state) {
    all(state.form, "fieldset.academy-q[data-question]").forEach(function (fieldset, index) {
      var label = fieldset.querySelector(".academy-q__number");
      if (label) label.textContent = "第 " + (index + 1) + " 题";
    });
  }

  // A new attempt's layout: the server's order, or a fresh shuffle.
  function layOut(state) {
    if (state.quiz.shuffle) {
      var anchor = state.form.querySelector(".academy-quiz__name") || state.form.querySelector("button[type=submit]");
      shuffled(state.questions).forEach(function (question) {
        state.form.insertBefore(question.fieldset, anchor);
      });
      numberQuestions(state);
    }
    state.order = {};
    state.questions.forEach(function (question) {
      if (question.type === "single" || question.type === "multiple") {
        if (state.quiz.shuffle) setOptionOrder(question, shuffled(currentOrder(question).sort()));
      } else if (question.type === "ordering") {
        var order = question.initialItems;
        if (state.quiz.shuffle && order.length > 1) {
          do order = shuffled(order); while (order.every(function (value, index) { return value === index; }));
        }
        setItemOrder(question, order);
      }
      letterOptions(question);
      var shown = currentOrder(question);
      if (shown) state.order[question.id] = shown;
    });
  }

  // ------------------------------------------------------------ answers

  function responseOf(question) {
    var fieldset = question.fieldset;
    if (question.type === "single") {
      var chosen = fieldset.querySelector(".academy-q__options input:checked");
      return chosen ? Number(chosen.value) : undefined;
    }
    if (question.type === "multiple") {
      var values = all(fieldset, ".academy-q__options input:checked").map(function (input) {
        return Number(input.value);
      });
      return values.length ? values.sort(function (a, b) { return a - b; }) : undefined;
    }
    if (question.type === "truefalse") {
      var picked = fieldset.querySelector(".academy-q__options input:checked");
      return picked ? picked.value === "true" : undefined;
    }
    if (question.type === "ordering") {
      return currentOrder(question);
    }
    if (question.type === "rating") {
      var ratings = all(fieldset, ".academy-q__rating").map(function (row) {
        var input = row.querySelector("input:checked");
        return input ? Number(input.value) : null;
      });
      return ratings.some(function (value) { return value !== null; }) ? ratings : undefined;
    }
    return undefined;
  }

  function collect(state) {
    var answers = {};
    state.questions.forEach(function (question) {
      if (!question.spec) return;
      var response = responseOf(question);
      if (response !== undefined) answers[question.id] = response;
    });
    return answers;
  }

  // Put a stored attempt's answers back into the form.
  function restoreAnswers(state, attempt) {
    var answers = isRecord(attempt.answers) ? attempt.answers : {};
    var order = isRecord(attempt.order) ? attempt.order : {};
    state.order = {};
    state.questions.forEach(function (question) {
      var response = pick(answers, question.id);
      var shown = pick(order, question.id);
      if (question.type === "single" || question.type === "multiple") {
        if (isPermutation(shown, currentOrder(question))) setOptionOrder(question, shown);
        letterOptions(question);
        var chosen = question.type === "single" ? [response] : Array.isArray(response) ? response : [];
        optionLabels(question).forEach(function (label) {
          var input = label.querySelector("input");
          if (input) input.checked = chosen.indexOf(Number(input.value)) !== -1;
        });
      } else if (question.type === "truefalse") {
        all(question.fieldset, ".academy-q__options input").forEach(function (input) {
          input.checked = typeof response === "boolean" && input.value === String(response);
        });
      } else if (question.type === "ordering") {
        if (isPermutation(response, question.initialItems)) setItemOrder(question, response);
      } else if (question.type === "rating") {
        var values = Array.isArray(response) ? response : [];
        all(question.fieldset, ".academy-q__rating").forEach(function (row, index) {
          all(row, "input").forEach(function (input) {
            input.checked = Number(input.value) === values[index];
          });
        });
      }
      var now = currentOrder(question);
      if (now) state.order[question.id] = isPermutation(shown, now) ? shown : now;
    });
  }

  // ----------------------------------------------------------- feedback

  function added(node) {
    node.setAttribute("data-academy-added", "");
    return node;
  }

  function verdict(credit, answered, earned, possible) {
    if (!answered) return { kind: "wrong", icon: "✗", text: "回答错误（未作答）" };
    if (credit >= 1) return { kind: "right", icon: "✓", text: "回答正确" };
    if (credit <= 0) return { kind: "wrong", icon: "✗", text: "回答错误" };
    return { kind: "partial", icon: "◐", text: "部分正确（得 " + number(earned) + "/" + number(possible) + " 分）" };
  }

  function mark(kind, text) {
    return added(make("span", text, { class: "academy-q__mark academy-q__mark--" + kind }));
  }

  // A clean copy of server-rendered content (no duplicate ids).
  function cloneContent(node) {
    var copy = node.cloneNode(true);
    if (copy.removeAttribute) copy.removeAttribute("id");
    each(copy.querySelectorAll ? copy.querySelectorAll("[id]") : [], function (inner) {
      inner.removeAttribute("id");
    });
    return copy;
  }

  function showFeedback(question, response, score) {
    var spec = question.spec;
    if (!spec) return null;
    question.fieldset.classList.remove("academy-q--right", "academy-q--partial", "academy-q--wrong");
    if (spec.type === "rating") return null;
    var answered = response !== undefined;
    var credit = AcademyScoring.questionCredit(spec, response === undefined ? null : response);
    var result = pick(score.questions, question.id) || { earned: 0, possible: spec.points };
    var outcome = verdict(credit, answered, result.earned, result.possible);
    question.fieldset.classList.add("academy-q--" + outcome.kind);

    var answer = Array.isArray(spec.answer) ? spec.answer : [spec.answer];
    var summary = added(make("p", null, { class: "academy-q__answer" }));
    if (spec.type === "single" || spec.type === "multiple") {
      var chosen = spec.type === "single" ? [response] : Array.isArray(response) ? response : [];
      var letters = [];
      optionLabels(question).forEach(function (label, index) {
        var value = Number(optionValue(label));
        var right = answer.indexOf(value) !== -1;
        var picked = chosen.indexOf(value) !== -1;
        if (right) letters.push(LETTERS[index] || String(index + 1));
        if (right && picked) label.appendChild(mark("right", "✓ 你的选择，正确"));
        else if (right) label.appendChild(mark("right", "✓ 正确答案"));
        else if (picked) label.appendChild(mark("wrong", "✗ 你的选择，错误"));
      });
      summary.textContent = "正确答案：" + letters.join("、");
    } else if (spec.type === "truefalse") {
      all(question.fieldset, ".academy-q__options label").forEach(function (label) {
        var input = label.querySelector("input");
        if (!input) return;
        var right = input.value === String(spec.answer);
        if (right && input.checked) label.appendChild(mark("right", "✓ 你的选择，正确"));
        else if (right) label.appendChild(mark("right", "✓ 正确答案"));
        else if (input.checked) label.appendChild(mark("wrong", "✗ 你的选择，错误"));
      });
      summary.textContent = "正确答案：" + (spec.answer === true ? "正确" : "错误");
    } else if (spec.type === "ordering") {
      var byItem = {};
      items(question).forEach(function (item, index) {
        byItem[item.dataset.item] = item;
        var want = answer.indexOf(Number(item.dataset.item));
        item.appendChild(
          want === index
            ? mark("right", "✓ 位置正确")
            : mark("wrong", "✗ 应为第 " + (want + 1) + " 项")
        );
      });
      summary.textContent = "正确顺序：";
      var sequence = added(make("ol", null, { class: "academy-q__sequence" }));
      answer.forEach(function (value) {
        var item = byItem[String(value)];
        var entry = make("li");
        var text = item && item.querySelector(".academy-q__item-text");
        if (text) each(text.childNodes, function (child) { entry.appendChild(cloneContent(child)); });
        sequence.appendChild(entry);
      });
      summary.appendChild(sequence);
    }

    var head = added(make("p", null, { class: "academy-q__verdict academy-q__verdict--" + outcome.kind }));
    head.appendChild(make("span", outcome.icon, { class: "academy-q__icon", "aria-hidden": "true" }));
    head.appendChild(document.createTextNode(" " + outcome.text));
    if (question.feedback) {
      question.feedback.insertBefore(summary, question.feedback.firstChild);
      question.feedback.insertBefore(head, summary);
      question.feedback.hidden = false;
    }
    return outcome;
  }

  function clearFeedback(state) {
    all(state.root, "[data-academy-added]").forEach(function (node) {
      node.remove();
    });
    state.questions.forEach(function (question) {
      question.fieldset.classList.remove("academy-q--right", "academy-q--partial", "academy-q--wrong");
      if (question.feedback) question.feedback.hidden = true;
    });
  }

  function lock(state, locked) {
    state.questions.forEach(function (question) {
      question.fieldset.disabled = locked;
    });
    all(state.form, ".academy-quiz__name input").forEach(function (input) {
      input.disabled = locked;
    });
    var submit = state.form.querySelector("button[type=submit]");
    if (submit) submit.hidden = locked;
    state.root.classList.toggle("academy-quiz--submitted", locked);
  }

  // --------------------------------------------------------------- charts

  function radarChart(state, score, target) {
    var quiz = state.quiz;
    var levels = quiz.levels;
    var dims = quiz.dimensions;
    var size = 360;
    var center = size / 2;
    var radius = 118;
    var steps = Math.max(levels.length, 1);
    var point = function (index, value) {
      var angle = -Math.PI / 2 + (2 * Math.PI * index) / dims.length;
      var r = (radius * value) / steps;
      return [center + r * Math.cos(angle), center + r * Math.sin(angle)];
    };
    var polygon = function (values) {
      return values.map(function (value, index) {
        var xy = point(index, value);
        return xy[0].toFixed(1) + "," + xy[1].toFixed(1);
      }).join(" ");
    };
    var valueOf = function (dimension) {
      var reached = pick(score.reached, dimension);
      return reached == null ? 0 : levels.indexOf(reached) + 1;
    };
    var described = dims.map(function (dimension) {
      var reached = pick(score.reached, dimension);
      return dimension + "：" + (pick(score.assessed, dimension) ? (reached == null ? "未达到" + levelName(quiz, levels[0]) : levelName(quiz, reached)) : "未评估");
    }).join("；");
    var label =
      "雷达图：各维度已达到的级别" + (target ? "（虚线为目标级别 " + levelName(quiz, target) + "）" : "") + "。" + described;
    var id = "academy-radar-" + ++uid;
    var chart = svg("svg", {
      class: "academy-chart academy-chart--radar",
      viewBox: "0 0 " + size + " " + size,
      role: "img",
      "aria-labelledby": id + "-title",
      "aria-describedby": id + "-desc",
    });
    chart.appendChild(svg("title", { id: id + "-title" }, label));
    chart.appendChild(svg("desc", { id: id + "-desc" }, "每条轴是一个维度，从中心向外依次为 " + levels.map(function (level) { return levelName(quiz, level); }).join("、") + "。"));
    for (var ring = 1; ring <= steps; ring++) {
      chart.appendChild(svg("polygon", { class: "academy-chart__grid", points: polygon(dims.map(function () { return ring; })) }));
      var at = point(0, ring);
      chart.appendChild(svg("text", { class: "academy-chart__tick", x: at[0] + 4, y: at[1] + 10 }, shortLevel(quiz, levels[ring - 1])));
    }
    dims.forEach(function (dimension, index) {
      var end = point(index, steps);
      chart.appendChild(svg("line", { class: "academy-chart__axis", x1: center, y1: center, x2: end[0], y2: end[1] }));
      var spot = point(index, steps + 0.55);
      var anchor = Math.abs(spot[0] - center) < 8 ? "middle" : spot[0] > center ? "start" : "end";
      var unassessed = !pick(score.assessed, dimension);
      chart.appendChild(svg("text", {
        class: "academy-chart__label" + (unassessed ? " academy-chart__label--unassessed" : ""),
        x: spot[0], y: spot[1] + 4, "text-anchor": anchor,
      }, dimension + (unassessed ? "（未评估）" : "")));
    });
    if (target) {
      var goal = levels.indexOf(target) + 1;
      chart.appendChild(svg("polygon", { class: "academy-chart__target", points: polygon(dims.map(function () { return goal; })) }));
    }
    var values = dims.map(valueOf);
    chart.appendChild(svg("polygon", { class: "academy-chart__reached", points: polygon(values) }));
    values.forEach(function (value, index) {
      var xy = point(index, value);
      chart.appendChild(svg("circle", { class: "academy-chart__dot", cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: 3.5 }));
    });
    return chart;
  }

  function barChart(state, score, level) {
    var quiz = state.quiz;
    var dims = quiz.dimensions;
    var left = 96;
    var width = 280;
    var row = 28;
    var top = 26;
    var height = top + row * dims.length + 8;
    var threshold = typeof quiz.threshold === "number" ? quiz.threshold : 0;
    var rows = dims.map(function (dimension) {
      var cell = pick(pick(score.cells, dimension), level);
      return { dimension: dimension, evidence: cell ? cell.evidence : null, passed: cell ? cell.passed : null };
    });
    var label =
      "条形图：各维度在 " + levelName(quiz, level) + " 的证据（阈值 " + percent(threshold) + "）。" +
      rows.map(function (item) {
        return item.dimension + "：" + (item.evidence == null ? "未评估" : percent(item.evidence) + (item.passed ? "，通过" : "，未通过"));
      }).join("；");
    var id = "academy-bars-" + ++uid;
    var chart = svg("svg", {
      class: "academy-chart academy-chart--bars",
      viewBox: "0 0 " + (left + width + 110) + " " + height,
      role: "img",
      "aria-labelledby": id + "-title",
      "aria-describedby": id + "-desc",
    });
    chart.appendChild(svg("title", { id: id + "-title" }, label));
    chart.appendChild(svg("desc", { id: id + "-desc" }, "证据为知识题得分率与自评的加权结果，0–100%；虚线为通过阈值。"));
    [0, 0.5, 1].forEach(function (tick) {
      var x = left + width * tick;
      chart.appendChild(svg("line", { class: "academy-chart__axis", x1: x, y1: top - 4, x2: x, y2: height - 6 }));
      chart.appendChild(svg("text", { class: "academy-chart__tick", x: x, y: top - 10, "text-anchor": "middle" }, Math.round(tick * 100) + "%"));
    });
    rows.forEach(function (item, index) {
      var y = top + index * row;
      chart.appendChild(svg("text", { class: "academy-chart__label", x: left - 8, y: y + 17, "text-anchor": "end" }, item.dimension));
      if (item.evidence == null) {
        chart.appendChild(svg("text", { class: "academy-chart__value academy-chart__value--unassessed", x: left + 4, y: y + 17 }, "未评估"));
        return;
      }
      var w = Math.max(0, Math.min(1, item.evidence)) * width;
      chart.appendChild(svg("rect", {
        class: "academy-chart__bar academy-chart__bar--" + (item.passed ? "passed" : "failed"),
        x: left, y: y + 5, width: w.toFixed(1), height: row - 10,
      }));
      chart.appendChild(svg("text", { class: "academy-chart__value", x: left + w + 6, y: y + 17 },
        percent(item.evidence) + (item.passed ? " ✓ 通过" : " ✗ 未通过")));
    });
    var tx = left + width * Math.max(0, Math.min(1, threshold));
    chart.appendChild(svg("line", { class: "academy-chart__threshold", x1: tx, y1: top - 4, x2: tx, y2: height - 6 }));
    return chart;
  }

  // --------------------------------------------------------------- result

  function reachedText(quiz, score, dimension) {
    if (!pick(score.assessed, dimension)) return "未评估";
    var reached = pick(score.reached, dimension);
    if (reached != null) return levelName(quiz, reached);
    var first = pick(pick(score.cells, dimension), quiz.levels[0]);
    return "未达到 " + levelName(quiz, quiz.levels[0]) + (first && first.evidence == null ? "（该级别未评估）" : "");
  }

  function sharesText(quiz, score, dimension, field) {
    var row = pick(score.cells, dimension);
    var parts = quiz.levels.filter(function (level) {
      var cell = pick(row, level);
      return cell && cell[field] != null;
    }).map(function (level) {
      return shortLevel(quiz, level) + " " + percent(row[level][field]);
    });
    return parts;
  }

  // One line per level: "运营岗位 80%"
  function sharesCell(quiz, score, dimension, field) {
    var cell = make("td", null, { class: "academy-result__shares" });
    var parts = sharesText(quiz, score, dimension, field);
    if (!parts.length) cell.textContent = "—";
    parts.forEach(function (part) {
      cell.appendChild(make("span", part, { class: "academy-result__share" }));
    });
    return cell;
  }

  function statusOf(quiz, score, dimension, target) {
    if (!pick(score.assessed, dimension)) return { kind: "unassessed", text: "未评估", icon: "○" };
    if (!target) return { kind: "none", text: "—", icon: "" };
    var reached = pick(score.reached, dimension);
    if (reached != null && quiz.levels.indexOf(reached) >= quiz.levels.indexOf(target)) {
      return { kind: "met", text: "达到", icon: "✓" };
    }
    return { kind: "gap", text: "差距", icon: "✗" };
  }

  function resultTable(quiz, score, target) {
    var table = make("table", null, { class: "academy-result__table" });
    table.appendChild(make("caption", "各维度的 SPCM 级别"));
    var head = make("thead");
    var headRow = make("tr");
    ["维度", "已达到级别", "目标级别", "知识", "自评", "状态"].forEach(function (title) {
      headRow.appendChild(make("th", title, { scope: "col" }));
    });
    head.appendChild(headRow);
    table.appendChild(head);
    var groups = quiz.groups.length ? quiz.groups : [{ name: "", dimensions: quiz.dimensions }];
    var shown = {};
    var addGroup = function (name, dims) {
      var body = make("tbody");
      if (name) {
        var groupRow = make("tr", null, { class: "academy-result__group" });
        groupRow.appendChild(make("th", name, { colspan: "6", scope: "rowgroup" }));
        body.appendChild(groupRow);
      }
      dims.forEach(function (dimension) {
        if (quiz.dimensions.indexOf(dimension) === -1 || own(shown, dimension)) return;
        shown[dimension] = true;
        var status = statusOf(quiz, score, dimension, target);
        var tr = make("tr", null, { class: "academy-result__row academy-result__row--" + status.kind });
        tr.appendChild(make("th", dimension, { scope: "row" }));
        tr.appendChild(make("td", reachedText(quiz, score, dimension)));
        tr.appendChild(make("td", target ? levelName(quiz, target) : "—"));
        tr.appendChild(sharesCell(quiz, score, dimension, "knowledge"));
        tr.appendChild(sharesCell(quiz, score, dimension, "self"));
        var cell = make("td", null, { class: "academy-result__status academy-result__status--" + status.kind });
        if (status.icon) cell.appendChild(make("span", status.icon + " ", { "aria-hidden": "true" }));
        cell.appendChild(document.createTextNode(status.text));
        tr.appendChild(cell);
        body.appendChild(tr);
      });
      if (body.querySelector(".academy-result__row")) table.appendChild(body);
    };
    groups.forEach(function (group) {
      addGroup(String(group.name || ""), Array.isArray(group.dimensions) ? group.dimensions : []);
    });
    var rest = quiz.dimensions.filter(function (dimension) {
      return !own(shown, dimension);
    });
    if (rest.length) addGroup("其他", rest);
    return table;
  }

  function levelIndex(quiz, level) {
    return level == null ? -1 : quiz.levels.indexOf(level);
  }

  function hasSource(quiz, score, dimension, field) {
    var row = pick(score.cells, dimension);
    return quiz.levels.some(function (level) {
      var cell = pick(row, level);
      return Boolean(cell) && cell[field] != null;
    });
  }

  // The plain-Chinese verdict of scoring's calibration for one dimension, e.g.
  // "自评达到管理一级，知识测验仅 45% → 自评偏高". The shares are the means over
  // the levels that have both kinds of evidence.
  function calibrationSentence(quiz, score, dimension) {
    var value = pick(score.calibration, dimension);
    if (!isRecord(value) || value.flag == null) {
      var self = hasSource(quiz, score, dimension, "self");
      var knows = hasSource(quiz, score, dimension, "knowledge");
      if (self && knows) return "自评和知识题不在同一级别，无法对照";
      if (self) return "只有自评，没有知识题，无法对照";
      if (knows) return "只有知识题，没有自评，无法对照";
      return "未评估";
    }
    var selfLevel = levelIndex(quiz, value.self_level);
    var knowLevel = levelIndex(quiz, value.knowledge_level);
    if (value.flag === "high") {
      if (selfLevel >= 0 && selfLevel > knowLevel) {
        return "自评达到" + shortLevel(quiz, value.self_level) + "，知识测验仅 " + percent(value.knowledge) + " → 自评偏高";
      }
      return "自评 " + percent(value.self) + "，知识测验仅 " + percent(value.knowledge) + " → 自评偏高";
    }
    if (value.flag === "low") {
      if (selfLevel < 0) {
        return "知识测验 " + percent(value.knowledge) + "，自评未达到" + shortLevel(quiz, quiz.levels[0]) + " → 自评偏低";
      }
      if (selfLevel < knowLevel) {
        return "知识测验 " + percent(value.knowledge) + "，自评仅达到" + shortLevel(quiz, value.self_level) + " → 自评偏低";
      }
      return "知识测验 " + percent(value.knowledge) + "，自评仅 " + percent(value.self) + " → 自评偏低";
    }
    return "自评 " + percent(value.self) + "，知识测验 " + percent(value.knowledge) + " → 自评与知识测验一致";
  }

  function sourceCell(quiz, score, dimension, field, levelField) {
    var td = make("td", null, { class: "academy-result__source" });
    if (!hasSource(quiz, score, dimension, field)) {
      td.textContent = "—";
      return td;
    }
    var value = pick(score.calibration, dimension) || {};
    if (value[field] != null) td.appendChild(make("span", "平均 " + percent(value[field]), { class: "academy-result__share" }));
    var level = value[levelField];
    td.appendChild(make("span", level == null ? "未达到 " + levelName(quiz, quiz.levels[0]) : "可达 " + levelName(quiz, level), {
      class: "academy-result__share",
    }));
    return td;
  }

  // Self-rating and knowledge side by side, per assessed dimension (scoring's calibration).
  function calibrationTable(quiz, score) {
    var dims = quiz.dimensions.filter(function (dimension) {
      return pick(score.assessed, dimension);
    });
    if (!dims.some(function (dimension) { return hasSource(quiz, score, dimension, "self"); })) return null;
    var icons = { high: "▲", low: "▼", ok: "✓" };
    var margin = typeof quiz.spec.model.calibration_margin === "number" ? quiz.spec.model.calibration_margin : 0.2;
    var section = make("section", null, { class: "academy-result__calibration" });
    var headingId = "academy-calibration-" + ++uid;
    section.appendChild(make("h3", "自评与知识测验对照", { id: headingId }));
    var scroll = scrollRegion({ "aria-labelledby": headingId });
    var table = make("table", null, { class: "academy-result__grid academy-calibration", "aria-labelledby": headingId });
    table.appendChild(make("caption", "“可达”是只凭这一种证据能达到的级别；在两者都有的级别上比较平均值，相差 " + percent(margin) + " 及以上时标出"));
    var head = make("tr");
    ["维度", "自评", "知识测验", "对照"].forEach(function (title) {
      head.appendChild(make("th", title, { scope: "col" }));
    });
    var thead = make("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = make("tbody");
    dims.forEach(function (dimension) {
      var value = pick(score.calibration, dimension);
      var flag = isRecord(value) && own(icons, value.flag) ? value.flag : "none";
      var tr = make("tr", null, { class: "academy-calibration__row academy-calibration__row--" + flag, "data-dimension": dimension });
      tr.appendChild(make("th", dimension, { scope: "row" }));
      tr.appendChild(sourceCell(quiz, score, dimension, "self", "self_level"));
      tr.appendChild(sourceCell(quiz, score, dimension, "knowledge", "knowledge_level"));
      var verdict = make("td", null, { class: "academy-calibration__verdict academy-calibration__verdict--" + flag });
      if (own(icons, flag)) verdict.appendChild(make("span", icons[flag] + " ", { "aria-hidden": "true" }));
      verdict.appendChild(document.createTextNode(calibrationSentence(quiz, score, dimension)));
      tr.appendChild(verdict);
      body.appendChild(tr);
    });
    table.appendChild(body);
    scroll.appendChild(table);
    section.appendChild(scroll);
    return section;
  }

  // "「岗位认知」差 12%" or "「情商」未评估": why the ladder of `dimension` stops at `level`.
  function blockedCell(quiz, score, dimension, level) {
    var cell = pick(pick(score.cells, dimension), level);
    if (!cell || cell.evidence == null) return { status: "unassessed", text: "「" + dimension + "」未评估" };
    var short = Math.max(0, quiz.threshold - cell.evidence);
    return { status: "failed", text: "「" + dimension + "」差 " + percent(short) };
  }

  // One sentence on the overall level: e.g. "为什么是运营岗位而不是管理一级：
  // 管理一级的「岗位认知」差 12%，「情商」未评估". The overall level is the
  // lowest reached, so the dimensions that stop right there are the reason.
  function whySentence(quiz, score) {
    var levels = quiz.levels;
    if (!levels.length) return "";
    var at = levelIndex(quiz, score.overall);
    if (at === levels.length - 1) {
      return "为什么是" + shortLevel(quiz, score.overall) + "：所有维度在每个级别都已通过。";
    }
    var next = levels[at + 1];
    var failed = [];
    var unassessed = [];
    quiz.dimensions.forEach(function (dimension) {
      if (levelIndex(quiz, pick(score.reached, dimension)) !== at) return;
      var cell = blockedCell(quiz, score, dimension, next);
      if (cell.status === "failed") failed.push(cell.text);
      else unassessed.push("「" + dimension + "」");
    });
    var reasons = failed.slice();
    if (unassessed.length) reasons.push(unassessed.join("") + "未评估");
    var head = at < 0
      ? "为什么还没有综合级别（每个维度都要达到" + shortLevel(quiz, next) + "）"
      : "为什么是" + shortLevel(quiz, score.overall) + "而不是" + shortLevel(quiz, next);
    return head + "：" + shortLevel(quiz, next) + "的" + reasons.join("，") + "。";
  }

  // Per dimension: the level reached and why it is not the next one.
  function dimensionVerdict(quiz, score, dimension) {
    if (!pick(score.assessed, dimension)) return "未评估";
    var at = levelIndex(quiz, pick(score.reached, dimension));
    if (at === quiz.levels.length - 1) return "达到最高级别 " + shortLevel(quiz, quiz.levels[at]);
    var next = quiz.levels[at + 1];
    var reason = blockedCell(quiz, score, dimension, next).text.replace("「" + dimension + "」", "");
    if (at < 0) return "未达到" + shortLevel(quiz, next) + "：" + shortLevel(quiz, next) + reason;
    return "达到" + shortLevel(quiz, quiz.levels[at]) + "；" + shortLevel(quiz, next) + reason;
  }

  // The ladder cell by cell: passed, short by how much, not assessed, or beyond
  // the level where the ladder stopped (and so not counted).
  function placementCell(quiz, score, dimension, level) {
    var cell = pick(pick(score.cells, dimension), level);
    var at = levelIndex(quiz, pick(score.reached, dimension));
    var index = quiz.levels.indexOf(level);
    var kind;
    var text;
    if (!cell || cell.evidence == null) {
      kind = "unassessed";
      text = "○ 未评估";
    } else if (cell.passed) {
      kind = "passed";
      text = "✓ 通过 " + percent(cell.evidence);
    } else {
      kind = "failed";
      text = "✗ 差 " + percent(Math.max(0, quiz.threshold - cell.evidence)) + "（" + percent(cell.evidence) + "）";
    }
    var beyond = index > at + 1 && kind !== "unassessed";
    var td = make("td", null, {
      class: "academy-placement__cell academy-placement__cell--" + kind + (beyond ? " academy-placement__cell--beyond" : ""),
      "data-level": level,
    });
    td.appendChild(make("span", text.slice(0, 1), { "aria-hidden": "true" }));
    td.appendChild(document.createTextNode(text.slice(1) + (beyond ? " · 不计入" : "")));
    return td;
  }

  function placementSection(quiz, score) {
    var section = make("section", null, { class: "academy-result__placement" });
    var headingId = "academy-placement-" + ++uid;
    section.appendChild(make("h3", "级别是怎样判定的", { id: headingId }));
    section.appendChild(make("p",
      "每一格是该维度在该级别的证据（知识题与自评的加权结果），达到 " + percent(quiz.threshold) +
      " 即通过；从 " + shortLevel(quiz, quiz.levels[0]) + " 起逐级判定，遇到第一个未通过或未评估的级别就停止，之后的格子“不计入”。",
      { class: "academy-placement__rule" }));
    var scroll = scrollRegion({ "aria-labelledby": headingId });
    var table = make("table", null, { class: "academy-result__grid academy-placement", "aria-labelledby": headingId });
    table.appendChild(make("caption", "各维度 × 各级别的判定"));
    var head = make("tr");
    head.appendChild(make("th", "维度", { scope: "col" }));
    quiz.levels.forEach(function (level) {
      head.appendChild(make("th", shortLevel(quiz, level), { scope: "col" }));
    });
    head.appendChild(make("th", "结论", { scope: "col" }));
    var thead = make("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = make("tbody");
    quiz.dimensions.forEach(function (dimension) {
      var tr = make("tr", null, { "data-dimension": dimension });
      tr.appendChild(make("th", dimension, { scope: "row" }));
      quiz.levels.forEach(function (level) {
        tr.appendChild(placementCell(quiz, score, dimension, level));
      });
      tr.appendChild(make("td", dimensionVerdict(quiz, score, dimension), { class: "academy-placement__verdict" }));
      body.appendChild(tr);
    });
    table.appendChild(body);
    scroll.appendChild(table);
    section.appendChild(scroll);
    return section;
  }

  function overallText(quiz, score) {
    if (score.overall != null) return "综合级别：" + levelName(quiz, score.overall);
    var missing = quiz.dimensions.filter(function (dimension) {
      return !pick(score.assessed, dimension);
    }).length;
    if (missing) return "综合级别：无法确定（" + missing + " 个维度未评估）";
    return "综合级别：未达到 " + levelName(quiz, quiz.levels[0]);
  }

  function knowledgeText(score) {
    var k = score.knowledge;
    if (!k.possible) return "本测验没有知识题";
    return "知识题得分 " + number(k.earned) + "/" + number(k.possible) + "（" + percent(k.share) + "）";
  }

  // Pages to review for a dimension (data-review), five at most.
  function reviewLinks(quiz, dimension) {
    var links = pick(quiz.review, dimension);
    return (Array.isArray(links) ? links : []).filter(function (link) {
      return isRecord(link) && safeHref(link.href);
    }).slice(0, 5);
  }

  // The gaps with their review links, stored with the attempt for the
  // dashboard's 我的提升计划. Links are site-root-relative (see rootRelative).
  function planOf(quiz, score) {
    return score.gaps.map(function (gap) {
      return {
        dimension: gap.dimension,
        reached: gap.reached,
        reachedName: gap.reached == null ? null : levelName(quiz, gap.reached),
        target: gap.target,
        targetName: levelName(quiz, gap.target),
        cells: gap.cells.map(function (cell) {
          return { level: cell.level, name: levelName(quiz, cell.level), status: cell.status, shortfall: cell.shortfall };
        }),
        links: reviewLinks(quiz, gap.dimension).map(function (link) {
          return { href: rootRelative(link.href), title: String(link.title || link.href) };
        }).filter(function (link) {
          return link.href !== null;
        }),
      };
    });
  }

  function gapList(state, score) {
    var quiz = state.quiz;
    var section = make("section", null, { class: "academy-result__gaps" });
    section.appendChild(make("h3", "差距与复习建议"));
    if (!score.target) {
      section.appendChild(make("p", "选择角色后，这里会列出与目标级别的差距。"));
      return section;
    }
    if (!score.gaps.length) {
      section.appendChild(make("p", "各维度均已达到目标级别 " + levelName(quiz, score.target) + "，没有差距。"));
      return section;
    }
    var list = make("ul", null, { class: "academy-result__gap-list" });
    score.gaps.forEach(function (gap) {
      var item = make("li", null, { class: "academy-result__gap" });
      item.appendChild(make("strong", gap.dimension));
      item.appendChild(document.createTextNode(
        (gap.reached == null ? "：尚未达到任何级别" : "：已达到 " + levelName(quiz, gap.reached)) + "，目标 " + levelName(quiz, gap.target)
      ));
      var cells = make("ul", null, { class: "academy-result__cells" });
      gap.cells.forEach(function (cell) {
        cells.appendChild(make("li", shortLevel(quiz, cell.level) + "：" +
          (cell.status === "unassessed" ? "未评估" : "差 " + percent(cell.shortfall))));
      });
      item.appendChild(cells);
      var links = reviewLinks(quiz, gap.dimension);
      if (links.length) {
        var review = make("ul", null, { class: "academy-result__review", "aria-label": gap.dimension + "：复习建议" });
        links.forEach(function (link) {
          var li = make("li");
          li.appendChild(make("a", "复习：" + String(link.title || link.href), { href: link.href }));
          review.appendChild(li);
        });
        item.appendChild(review);
      } else {
        item.appendChild(make("p", "暂无对应的复习页面，请向培训师咨询。", { class: "academy-result__none" }));
      }
      list.appendChild(item);
    });
    section.appendChild(list);
    return section;
  }

  function scoredAttempts(state) {
    return attemptsOf(state.store, state.key).filter(function (attempt) {
      return attempt.mode !== "assessed";
    });
  }

  function shareOf(state) {
    return function (attempt) {
      return rescore(state, attempt).knowledge.share;
    };
  }

  // "保留的成绩（最好成绩）：第 2 次作答，知识题 85%（即本次）"
  function keptText(state, attempt) {
    var quiz = state.quiz;
    var attempts = scoredAttempts(state);
    var kept = keptOf(attempts, quiz.keep, shareOf(state));
    if (!kept) return "";
    var head = "保留的成绩（" + KEEP_NAMES[quiz.keep] + "）：";
    if (quiz.keep === "average") {
      return head + (kept.average == null
        ? "没有知识题，级别取最后一次作答"
        : kept.count + " 次作答的知识题平均 " + percent(kept.average) + "，级别取最后一次作答");
    }
    var share = rescore(state, kept.attempt).knowledge.share;
    return head + "第 " + (kept.index + 1) + " 次作答" + (share == null ? "" : "，知识题 " + percent(share)) +
      (kept.attempt === attempt || kept.attempt.submitted === attempt.submitted ? "（即本次）" : "");
  }

  // Advisory only: a static page cannot (and does not) stop a retake.
  function waitText(state) {
    var quiz = state.quiz;
    if (quiz.mode !== "practice" || !quiz.waitMinutes) return "";
    var attempts = attemptsOf(state.store, state.key);
    var last = attempts[attempts.length - 1];
    var at = last ? Date.parse(last.submitted) : NaN;
    if (isNaN(at)) return "";
    var left = quiz.waitMinutes - (Date.now() - at) / 60000;
    if (left <= 0) return "";
    return "建议 " + Math.ceil(left) + " 分钟后再作答（距上次提交不到 " + quiz.waitMinutes + " 分钟；仅为建议，不限制作答）。";
  }

  function policyText(quiz) {
    var parts = [];
    if (quiz.mode === "assessed") {
      parts.push("考核测验：提交后会下载答卷文件，请交给培训师评分；本页不显示对错和得分。");
      parts.push("保留方式：" + KEEP_NAMES[quiz.keep] + "（培训师评分时按此方式计入）。");
    } else {
      parts.push("保留方式：" + KEEP_NAMES[quiz.keep] + "——" + KEEP_RULES[quiz.keep] + "。");
      if (quiz.waitMinutes) parts.push("两次作答之间建议间隔 " + quiz.waitMinutes + " 分钟（仅为建议，不限制作答）。");
    }
    return parts;
  }

  // The retake policy, shown above the questions; the wait note is filled in
  // when the trainee retakes (or opens the page) too early.
  function renderPolicy(state) {
    var box = state.policy;
    if (!box) return;
    box.textContent = "";
    policyText(state.quiz).forEach(function (line) {
      box.appendChild(make("p", line, { class: "academy-quiz__policy-line" }));
    });
    var wait = waitText(state);
    state.waitNote.textContent = wait;
    state.waitNote.hidden = !wait;
  }

  function renderResult(state, attempt, score, restored) {
    var quiz = state.quiz;
    var box = state.result;
    box.textContent = "";
    var headingId = "academy-result-" + ++uid;
    box.setAttribute("aria-labelledby", headingId);
    box.appendChild(make("h2", "测验结果" + (quiz.title ? "：" + quiz.title : ""), { id: headingId }));
    if (restored) box.appendChild(make("p", restoredText(state, attempt), { class: "academy-result__restored" }));
    var facts = make("ul", null, { class: "academy-result__facts" });
    if (attempt.name) facts.appendChild(make("li", "姓名：" + attempt.name));
    facts.appendChild(make("li", knowledgeText(score)));
    var role = roleOf(quiz, attempt.role);
    if (role && score.target) {
      facts.appendChild(make("li", "角色：" + String(role.name || attempt.role) + "（目标级别 " + levelName(quiz, score.target) + "）"));
    }
    facts.appendChild(make("li", overallText(quiz, score), { class: "academy-result__overall" }));
    var kept = keptText(state, attempt);
    if (kept) facts.appendChild(make("li", kept, { class: "academy-result__kept" }));
    box.appendChild(facts);
    box.appendChild(make("p", whySentence(quiz, score), { class: "academy-result__why" }));
    if (!score.target) box.appendChild(make("p", NO_ROLE, { class: "academy-result__no-role" }));

    var scroll = scrollRegion({ "aria-label": "各维度得分" });
    scroll.appendChild(resultTable(quiz, score, score.target));
    box.appendChild(scroll);
    box.appendChild(placementSection(quiz, score));
    var calibration = calibrationTable(quiz, score);
    if (calibration) box.appendChild(calibration);

    var charts = make("div", null, { class: "academy-result__charts" });
    var radar = make("figure", null, { class: "academy-result__figure" });
    radar.appendChild(radarChart(state, score, score.target));
    radar.appendChild(make("figcaption", "已达到的级别（实线）" + (score.target ? "与目标级别（虚线）" : "")));
    var bars = make("figure", null, { class: "academy-result__figure" });
    var level = score.target || quiz.levels[0];
    bars.appendChild(barChart(state, score, level));
    bars.appendChild(make("figcaption", "在 " + levelName(quiz, level) + (score.target ? "（目标级别）" : "") + " 的证据，虚线为通过阈值"));
    charts.appendChild(radar);
    charts.appendChild(bars);
    box.appendChild(charts);

    box.appendChild(gapList(state, score));

    var tools = make("p", null, { class: "academy-result__tools" });
    tools.appendChild(make("button", "重新作答", { type: "button", class: "md-button", "data-academy-retake": "" }));
    tools.appendChild(make("button", "导出结果（JSON）", { type: "button", class: "md-button", "data-academy-export": "" }));
    tools.appendChild(make("button", "打印报告", { type: "button", class: "md-button", "data-academy-print": "" }));
    box.appendChild(tools);
    var wait = waitText(state);
    if (wait) box.appendChild(make("p", wait, { class: "academy-result__wait" }));
    box.appendChild(make("p", null, { class: "academy-result__status", role: "status", "data-academy-result-status": "" }));
    box.hidden = false;
  }

  function restoredText(state, attempt) {
    var attempts = attemptsOf(state.store, state.key);
    var last = attempts[attempts.length - 1];
    if (!last || last === attempt) return "上次提交于 " + when(attempt.submitted);
    return "显示保留的成绩（" + KEEP_NAMES[state.quiz.keep] + "，提交于 " + when(attempt.submitted) + "）；上次提交于 " + when(last.submitted);
  }

  function answeredCount(state, answers) {
    var total = state.questions.filter(function (question) { return question.spec; }).length;
    var answered = state.questions.filter(function (question) {
      return question.spec && own(answers, question.id);
    }).length;
    return { answered: answered, total: total };
  }

  function responseName(quiz, attempt) {
    var date = new Date(attempt.submitted);
    return "答卷-" + quiz.id + "-" + localDate(isNaN(date.getTime()) ? new Date() : date) + ".json";
  }

  // What the trainer grades with `academy score` (results.py, "academy-response").
  function responseFile(quiz, attempt) {
    var answers = isRecord(attempt.answers) ? attempt.answers : {};
    return {
      format: "academy-response",
      schema: SCHEMA,
      site: quiz.build,
      quiz: { id: quiz.id, version: quiz.version },
      trainee: { name: typeof attempt.name === "string" ? attempt.name : "" },
      role: attempt.role == null ? null : attempt.role,
      started: attempt.started == null ? null : attempt.started,
      submitted: attempt.submitted,
      answers: answers,
      checksum: answersChecksum(quiz.id, quiz.version, answers),
    };
  }

  function downloadResponse(state, attempt) {
    var name = responseName(state.quiz, attempt);
    download(name, JSON.stringify(responseFile(state.quiz, attempt), null, 2) + "\n");
    return name;
  }

  // The printable receipt of an assessed quiz: no score, no correctness.
  function renderReceipt(state, attempt, restored) {
    var quiz = state.quiz;
    var box = state.result;
    box.textContent = "";
    var headingId = "academy-receipt-" + ++uid;
    box.setAttribute("aria-labelledby", headingId);
    box.classList.add("academy-receipt");
    box.appendChild(make("h2", "答卷回执" + (quiz.title ? "：" + quiz.title : ""), { id: headingId }));
    if (restored) box.appendChild(make("p", "上次提交于 " + when(attempt.submitted), { class: "academy-result__restored" }));
    box.appendChild(make("p", "答卷文件“" + responseName(quiz, attempt) + "”已下载。请把它交给培训师评分；本页不显示对错和得分。", {
      class: "academy-receipt__note",
    }));
    var count = answeredCount(state, isRecord(attempt.answers) ? attempt.answers : {});
    var checksum = answersChecksum(quiz.id, quiz.version, isRecord(attempt.answers) ? attempt.answers : {});
    var list = make("dl", null, { class: "academy-receipt__facts" });
    [
      ["测验", quiz.title || quiz.id],
      ["版本", "第 " + quiz.version + " 版"],
      ["姓名", attempt.name ? String(attempt.name) : "（未填写）"],
      ["提交时间", when(attempt.submitted)],
      ["已作答", count.answered + "/" + count.total + " 题"],
    ].forEach(function (row) {
      list.appendChild(make("dt", row[0]));
      list.appendChild(make("dd", row[1]));
    });
    list.appendChild(make("dt", "校验码"));
    var code = make("dd");
    code.appendChild(make("code", checksum, { class: "academy-receipt__checksum", "data-academy-checksum": "" }));
    list.appendChild(code);
    box.appendChild(list);
    box.appendChild(make("p", "校验码由答卷内容计算得出：培训师评分时会核对，答卷被修改过就对不上。", { class: "academy-receipt__hint" }));
    var tools = make("p", null, { class: "academy-result__tools" });
    tools.appendChild(make("button", "打印回执", { type: "button", class: "md-button", "data-academy-print": "" }));
    tools.appendChild(make("button", "再次下载答卷", { type: "button", class: "md-button", "data-academy-response": "" }));
    tools.appendChild(make("button", "重新作答", { type: "button", class: "md-button", "data-academy-retake": "" }));
    box.appendChild(tools);
    box.appendChild(make("p", null, { class: "academy-result__status", role: "status", "data-academy-result-status": "" }));
    box.hidden = false;
  }

  function historyHead(table, titles) {
    var head = make("tr");
    titles.forEach(function (title) {
      head.appendChild(make("th", title, { scope: "col" }));
    });
    var thead = make("thead");
    thead.appendChild(head);
    table.appendChild(thead);
  }

  function renderHistory(state) {
    var box = state.history;
    if (!box) return;
    box.textContent = "";
    var stored = attemptsOf(state.store, state.key);
    if (!stored.length) return;
    var quiz = state.quiz;
    box.appendChild(make("h3", "作答记录（" + stored.length + " 次）"));
    var table = make("table", null, { class: "academy-history__table" });
    var body = make("tbody");
    if (quiz.mode === "assessed") {
      historyHead(table, ["提交时间", "已作答", "校验码"]);
      stored.slice().reverse().forEach(function (attempt) {
        var answers = isRecord(attempt.answers) ? attempt.answers : {};
        var count = answeredCount(state, answers);
        var tr = make("tr");
        tr.appendChild(make("td", when(attempt.submitted)));
        tr.appendChild(make("td", count.answered + "/" + count.total + " 题"));
        tr.appendChild(make("td", answersChecksum(quiz.id, quiz.version, answers)));
        body.appendChild(tr);
      });
    } else {
      historyHead(table, ["提交时间", "知识题得分", "综合级别", "保留"]);
      var scored = scoredAttempts(state);
      var kept = keptOf(scored, quiz.keep, shareOf(state));
      stored.slice().reverse().forEach(function (attempt) {
        var score = rescore(state, attempt);
        var tr = make("tr");
        tr.appendChild(make("td", when(attempt.submitted)));
        tr.appendChild(make("td", score.knowledge.share == null ? "—" : percent(score.knowledge.share)));
        tr.appendChild(make("td", overallText(quiz, score).replace(/^综合级别：/, "")));
        var mark = "";
        if (kept && quiz.keep === "average") {
          mark = (score.knowledge.share == null ? "" : "计入平均") + (attempt === kept.attempt ? (score.knowledge.share == null ? "" : "；") + "级别取此次" : "");
        } else if (kept && attempt === kept.attempt) {
          mark = "✓ 保留";
        }
        tr.appendChild(make("td", mark));
        body.appendChild(tr);
      });
    }
    table.appendChild(body);
    box.appendChild(table);
  }

  // Scores always come from the answers and this page's spec, never from stored numbers.
  function rescore(state, attempt) {
    var answers = isRecord(attempt.answers) ? attempt.answers : {};
    return AcademyScoring.scoreAttempt(state.quiz.spec, answers, targetOf(state.quiz, attempt.role));
  }

  function showNotice(state) {
    each(state.root.querySelectorAll("[data-academy-notice]"), function (notice) {
      if (state.embedded) return;
      notice.textContent = state.store.broken ? NOTICE : "";
      notice.hidden = !state.store.broken;
    });
  }

  function say(state, message) {
    if (!state.live) return;
    state.live.textContent = message;
  }

  // ------------------------------------------------------------ actions

  function startAttempt(state) {
    state.started = new Date().toISOString();
    state.attempt = null;
    layOut(state);
  }

  function meta(state) {
    return {
      title: state.quiz.title,
      page: rootRelative(location.href.split("#")[0]),
      mode: state.quiz.mode,
      keep: state.quiz.keep,
    };
  }

  // Assessed: nothing is scored in the page (it has no key). The answers are
  // stored (without a score) and downloaded as a response file for the trainer.
  function submitAssessed(state, role, answers) {
    var quiz = state.quiz;
    var nameInput = state.form.querySelector(".academy-quiz__name input");
    var attempt = {
      started: state.started,
      submitted: new Date().toISOString(),
      name: nameInput ? nameInput.value.trim() : "",
      role: role,
      answers: answers,
      order: state.order,
      mode: "assessed",
      checksum: answersChecksum(quiz.id, quiz.version, answers),
    };
    state.attempt = attempt;
    lock(state, true);
    if (state.embedded) {
      say(state, "这是考核题，本页不评分。");
      return;
    }
    addAttempt(state.store, state.key, attempt, meta(state));
    showNotice(state);
    var name = downloadResponse(state, attempt);
    renderReceipt(state, attempt, false);
    renderHistory(state);
    renderPolicy(state);
    var count = answeredCount(state, answers);
    say(state, "已提交，答卷“" + name + "”已下载。已作答 " + count.answered + "/" + count.total + " 题，校验码 " + attempt.checksum + "。");
    focusResult(state);
  }

  function submit(state) {
    if (state.attempt) return;
    var quiz = state.quiz;
    load(state.store);
    var role = state.embedded ? null : state.store.data.role;
    if (!roleOf(quiz, role)) role = null;
    var answers = collect(state);
    if (quiz.mode === "assessed") return submitAssessed(state, role, answers);
    var score = AcademyScoring.scoreAttempt(quiz.spec, answers, targetOf(quiz, role));
    var nameInput = state.form.querySelector(".academy-quiz__name input");
    var attempt = {
      started: state.started,
      submitted: new Date().toISOString(),
      name: nameInput ? nameInput.value.trim() : "",
      role: role,
      answers: answers,
      score: score,
      order: state.order,
      plan: planOf(quiz, score),
    };
    state.attempt = attempt;
    var outcomes = state.questions.map(function (question) {
      return showFeedback(question, pick(answers, question.id), score);
    });
    lock(state, true);
    if (state.embedded) {
      var outcome = outcomes.filter(Boolean)[0];
      showRetry(state);
      say(state, outcome ? outcome.text : "已检查。");
      var feedback = state.questions[0] && state.questions[0].feedback;
      if (feedback) {
        feedback.setAttribute("tabindex", "-1");
        feedback.focus();
      }
      return;
    }
    addAttempt(state.store, state.key, attempt, meta(state));
    showNotice(state);
    renderResult(state, attempt, score, false);
    renderHistory(state);
    renderPolicy(state);
    say(state, "已提交。" + knowledgeText(score) + "，" + overallText(quiz, score) + "。" + (score.target ? "差距 " + score.gaps.length + " 项。" : NO_ROLE + "。"));
    focusResult(state);
  }

  function focusResult(state) {
    state.result.focus({ preventScroll: true });
    state.result.scrollIntoView({ behavior: reducedMotion() ? "auto" : "smooth", block: "start" });
  }

  function showRetry(state) {
    var retry = make("button", "再试一次", { type: "button", class: "md-button", "data-academy-retake": "" });
    added(retry);
    state.form.appendChild(retry);
  }

  function retake(state) {
    clearFeedback(state);
    var name = state.form.querySelector(".academy-quiz__name input");
    var keep = name ? name.value : "";
    state.form.reset();
    if (name) name.value = keep;
    lock(state, false);
    state.result.hidden = true;
    state.result.textContent = "";
    state.result.classList.remove("academy-receipt");
    startAttempt(state);
    renderPolicy(state);
    var wait = waitText(state);
    say(state, "已开始新的作答，之前的结果保存在作答记录中。" + wait);
    var first = state.form.querySelector("fieldset.academy-q input, fieldset.academy-q button");
    if (first) first.focus();
  }

  function exportResult(state) {
    var attempt = state.attempt;
    if (!attempt) return;
    var quiz = state.quiz;
    var date = new Date(attempt.submitted);
    var name = "测验结果-" + quiz.id + "-" + localDate(isNaN(date.getTime()) ? new Date() : date) + ".json";
    var result = {
      format: "academy-result",
      schema: SCHEMA,
      site: quiz.build,
      quiz: { id: quiz.id, version: quiz.version },
      trainee: { name: typeof attempt.name === "string" ? attempt.name : "" },
      role: attempt.role == null ? null : attempt.role,
      started: attempt.started == null ? null : attempt.started,
      submitted: attempt.submitted,
      answers: isRecord(attempt.answers) ? attempt.answers : {},
      score: rescore(state, attempt),
    };
    download(name, JSON.stringify(result, null, 2) + "\n");
    var status = state.result.querySelector("[data-academy-result-status]");
    if (status) status.textContent = "已导出：" + name;
  }

  function redownload(state) {
    if (!state.attempt) return;
    var name = downloadResponse(state, state.attempt);
    var status = state.result.querySelector("[data-academy-result-status]");
    if (status) status.textContent = "已下载：" + name;
  }

  function move(state, button) {
    var item = button.closest("li[data-item]");
    var list = item && item.parentElement;
    if (!item || !list || button.closest("fieldset").disabled) return;
    var up = button.dataset.move === "up";
    var sibling = up ? item.previousElementSibling : item.nextElementSibling;
    var text = itemText(item);
    if (sibling) {
      list.insertBefore(item, up ? sibling : sibling.nextElementSibling);
      button.focus();
      if (!reducedMotion()) {
        item.classList.remove("academy-q__item--moved");
        void item.offsetWidth;
        item.classList.add("academy-q__item--moved");
      }
    }
    var position = Array.prototype.indexOf.call(list.children, item) + 1;
    say(state, sibling ? "「" + text + "」现在是第 " + position + " 项" : "「" + text + "」已经是第 " + position + " 项，无法再" + (up ? "上移" : "下移"));
  }

  // -------------------------------------------------------------- mount

  function mountQuiz(root) {
    var quiz = readQuiz(root);
    var form = root.querySelector("[data-academy-quiz-form]");
    var result = root.querySelector("[data-academy-result]");
    if (!quiz || !form || !result) return;
    var state = {
      root: root,
      quiz: quiz,
      embedded: quiz.embedded,
      form: form,
      result: result,
      history: quiz.embedded ? null : root.querySelector("[data-academy-history]"),
      live: root.querySelector("[data-academy-live]"),
      store: storeFor(root.dataset.academySite || "default"),
      policy: null,
      waitNote: null,
      key: quiz.id + "@" + root.dataset.version,
      questions: readQuestions(form, quiz),
      order: {},
      attempt: null,
      started: null,
    };
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submit(state);
    });
    root.addEventListener("click", function (event) {
      var target = event.target instanceof Element ? event.target : null;
      if (!target) return;
      var mover = target.closest("button[data-move]");
      if (mover && root.contains(mover)) return move(state, mover);
      if (target.closest("[data-academy-retake]")) return retake(state);
      if (target.closest("[data-academy-export]")) return exportResult(state);
      if (target.closest("[data-academy-response]")) return redownload(state);
      if (target.closest("[data-academy-print]")) return window.print();
    });

    if (quiz.embedded) {
      startAttempt(state);
      return;
    }
    root.classList.toggle("academy-quiz--assessed", quiz.mode === "assessed");
    state.policy = make("div", null, { class: "academy-quiz__policy", "data-academy-policy": "" });
    state.waitNote = make("p", null, { class: "academy-quiz__wait", "data-academy-wait": "", hidden: "" });
    root.insertBefore(state.policy, form);
    root.insertBefore(state.waitNote, form);
    load(state.store);
    showNotice(state);
    var attempts = attemptsOf(state.store, state.key);
    var last = attempts[attempts.length - 1];
    // Practice: the kept attempt (data-keep) is shown; assessed: the last receipt.
    var shown = quiz.mode === "assessed" ? last : (keptOf(scoredAttempts(state), quiz.keep, shareOf(state)) || {}).attempt || last;
    if (shown) {
      state.started = typeof shown.started === "string" ? shown.started : null;
      restoreAnswers(state, shown);
      var name = form.querySelector(".academy-quiz__name input");
      if (name && typeof shown.name === "string") name.value = shown.name;
      state.attempt = shown;
      lock(state, true);
      if (quiz.mode === "assessed") {
        renderReceipt(state, shown, true);
      } else {
        var score = rescore(state, shown);
        state.questions.forEach(function (question) {
          showFeedback(question, pick(isRecord(shown.answers) ? shown.answers : {}, question.id), score);
        });
        renderResult(state, shown, score, true);
      }
    } else {
      startAttempt(state);
    }
    renderHistory(state);
    renderPolicy(state);
  }

  function mount() {
    each(document.querySelectorAll('[data-academy="quiz"]:not([data-academy-mounted])'), function (root) {
      root.setAttribute("data-academy-mounted", "");
      try {
        mountQuiz(root);
      } catch (error) {
        // One broken quiz must not stop the others on the page.
        if (window.console) console.error(error);
      }
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
