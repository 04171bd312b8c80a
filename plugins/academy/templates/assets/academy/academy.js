// Learning state in the browser: role, completed steps and the learning log,
// kept in localStorage. The plugin renders all markup and data (data-*); this
// script only adds state and behaviour. See the markup contract in the docs.
(function () {
  "use strict";

  var SCHEMA = 1;
  var NOTICE =
    "无法保存学习进度：浏览器存储不可用或已损坏。本页的操作在关闭页面后不会保留。";

  // ---------------------------------------------------------------- helpers

  function make(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    return node;
  }

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function pad(number) {
    return String(number).padStart(2, "0");
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = make("a", null, { href: url, download: name });
    // A detached link: its click never reaches Material's instant navigation.
    link.click();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
  }

  // ----------------------------------------------------------------- schema

  function emptyData() {
    return { schema: SCHEMA, role: null, done: {}, log: {}, results: {} };
  }

  function isDoneMap(value) {
    return isRecord(value) && Object.keys(value).every(function (step) {
      return typeof value[step] === "string";
    });
  }

  function isLogEntry(entry) {
    return (
      isRecord(entry) &&
      Array.isArray(entry.answers) &&
      entry.answers.every(function (answer) {
        return typeof answer === "string";
      }) &&
      typeof entry.updated === "string"
    );
  }

  function isLogMap(value) {
    return isRecord(value) && Object.keys(value).every(function (day) {
      return /^\d{4}-\d{2}-\d{2}$/.test(day) && isLogEntry(value[day]);
    });
  }

  // The stored object with defaults filled in, or null when it is not ours.
  // Unknown fields are kept so that newer data survives a round trip.
  function normalize(value) {
    if (!isRecord(value) || value.schema !== SCHEMA) return null;
    var data = Object.assign({}, value);
    data.role = value.role === undefined ? null : value.role;
    data.done = value.done === undefined ? {} : value.done;
    data.log = value.log === undefined ? {} : value.log;
    data.results = value.results === undefined ? {} : value.results;
    var valid =
      (data.role === null || typeof data.role === "string") &&
      isDoneMap(data.done) &&
      isLogMap(data.log) &&
      isRecord(data.results);
    return valid ? data : null;
  }

  function earlier(a, b) {
    return Date.parse(a) <= Date.parse(b) ? a : b;
  }

  function merge(into, other) {
    Object.keys(other.done).forEach(function (step) {
      var mine = into.done[step];
      into.done[step] = mine ? earlier(mine, other.done[step]) : other.done[step];
    });
    Object.keys(other.log).forEach(function (day) {
      var mine = into.log[day];
      if (!mine || Date.parse(other.log[day].updated) > Date.parse(mine.updated)) {
        into.log[day] = other.log[day];
      }
    });
    if (!into.role && other.role) into.role = other.role;
    Object.keys(other).forEach(function (field) {
      if (!(field in into)) into[field] = other[field];
    });
    Object.keys(other.results).forEach(function (field) {
      if (!(field in into.results)) into.results[field] = other.results[field];
    });
  }

  // ---------------------------------------------------------------- storage

  var stores = {};

  function localStore() {
    try {
      return window.localStorage || null;
    } catch (error) {
      return null; // disabled storage throws on access
    }
  }

  function storeFor(site) {
    if (!stores[site]) {
      stores[site] = { key: "academy:" + site, data: emptyData(), broken: false };
    }
    return stores[site];
  }

  // Once storage fails, the rest of this page session runs from memory and
  // says so: a later successful write would mix persisted and lost changes.
  function breakStore(store) {
    store.broken = true;
  }

  // A value we cannot read is copied aside, never thrown away silently.
  function setAside(storage, store, raw) {
    try {
      storage.setItem(store.key + ":corrupt:" + new Date().toISOString(), raw);
      storage.removeItem(store.key);
    } catch (error) {
      // Full or read-only: leave the value where it is.
    }
  }

  function load(store) {
    if (store.broken) return;
    var storage = localStore();
    var raw = null;
    try {
      raw = storage ? storage.getItem(store.key) : null;
    } catch (error) {
      storage = null;
    }
    if (!storage) return breakStore(store);
    if (raw === null) {
      store.data = emptyData();
      return;
    }
    var parsed = null;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      parsed = null;
    }
    var data = normalize(parsed);
    if (data) {
      store.data = data;
      return;
    }
    // Data from a newer version of the site is left untouched for it.
    if (!(isRecord(parsed) && typeof parsed.schema === "number" && parsed.schema > SCHEMA)) {
      setAside(storage, store, raw);
    }
    store.data = emptyData();
    breakStore(store);
  }

  function save(store) {
    if (store.broken) return;
    try {
      window.localStorage.setItem(store.key, JSON.stringify(store.data));
    } catch (error) {
      breakStore(store); // QuotaExceededError, or storage went away
    }
  }

  // Re-read before every change so that another open tab's changes survive.
  function update(store, change) {
    load(store);
    change(store.data);
    save(store);
    renderAll();
  }

  function toggleStep(store, step) {
    var nowDone = false;
    update(store, function (data) {
      nowDone = !data.done[step];
      if (nowDone) data.done[step] = new Date().toISOString();
      else delete data.done[step];
    });
    return nowDone;
  }

  function chooseRole(store, role) {
    update(store, function (data) {
      data.role = role;
    });
  }

  // ------------------------------------------------------------ rendering

  var views = [];

  function renderAll() {
    views.forEach(function (view) {
      view.render();
      showNotice(view);
    });
  }

  function showNotice(view) {
    var notices = view.root.querySelectorAll("[data-academy-notice]");
    Array.prototype.forEach.call(notices, function (notice) {
      notice.textContent = view.store.broken ? NOTICE : "";
      notice.hidden = !view.store.broken;
    });
  }

  // Steps as the plugin describes them on li[data-step] elements.
  function readSteps(container) {
    var items = container.querySelectorAll("li[data-step]");
    return Array.prototype.map.call(items, function (item) {
      return {
        id: item.dataset.step,
        minutes: Number(item.dataset.minutes) || 0,
        required: item.dataset.required !== "false",
        title: item.dataset.title || "",
        href: item.dataset.href || "#",
        item: item,
      };
    });
  }

  function progressOf(steps, done) {
    var open = steps.filter(function (step) {
      return !done[step.id];
    });
    var next =
      open.filter(function (step) {
        return step.required;
      })[0] || open[0] || null;
    return {
      done: steps.length - open.length,
      total: steps.length,
      minutesLeft: open.reduce(function (sum, step) {
        return sum + step.minutes;
      }, 0),
      open: open,
      next: next,
    };
  }

  function progressSentence(progress) {
    if (progress.total > 0 && progress.done === progress.total) {
      return "已全部完成 " + progress.total + "/" + progress.total + " 步";
    }
    if (progress.done === 0) {
      return "尚未开始，共 " + progress.total + " 步，约 " + progress.minutesLeft + " 分钟";
    }
    return (
      "已完成 " + progress.done + "/" + progress.total + " 步，剩余约 " +
      progress.minutesLeft + " 分钟"
    );
  }

  function showProgress(bar, progress) {
    bar.max = progress.total;
    bar.value = progress.done;
    bar.textContent = progress.done + "/" + progress.total;
  }

  function setDoneButton(button, done) {
    button.textContent = done ? "已完成 ✓" : "标记为已完成";
    button.setAttribute("aria-pressed", done ? "true" : "false");
    button.classList.toggle("academy-done--on", done);
  }

  // ------------------------------------------------------ path bar, page end

  // The path shown in full: the chosen role's, else the first one rendered.
  function primaryPath(pathbar, role) {
    var paths = Array.prototype.slice.call(pathbar.querySelectorAll(".academy-pathbar__path"));
    return (
      paths.filter(function (path) {
        return path.dataset.role === role;
      })[0] || paths[0] || null
    );
  }

  function pagePrimaryPath(store) {
    var pathbar = document.querySelector('[data-academy="pathbar"]');
    return pathbar ? primaryPath(pathbar, store.data.role) : null;
  }

  function mountPathbar(root, store) {
    var paths = Array.prototype.slice.call(root.querySelectorAll(".academy-pathbar__path"));
    paths.forEach(function (path) {
      var name = path.querySelector(".academy-pathbar__name");
      if (name) path.insertBefore(make("span", "本页也属于：", { class: "academy-pathbar__also" }), name);
    });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-academy-done]");
      var primary = primaryPath(root, store.data.role);
      if (button && primary) toggleStep(store, primary.dataset.step);
    });
    return function render() {
      var primary = primaryPath(root, store.data.role);
      // Move the primary path to the top only when needed: moving a node drops focus.
      var first = root.querySelector(".academy-pathbar__path");
      if (primary && primary !== first) root.insertBefore(primary, first);
      paths.forEach(function (path) {
        var steps = (path.dataset.steps || "").split(/\s+/).filter(Boolean);
        var count = steps.filter(function (step) {
          return store.data.done[step];
        }).length;
        path.classList.toggle("academy-pathbar__path--secondary", path !== primary);
        var progress = path.querySelector("[data-academy-progress]");
        if (progress) progress.textContent = "已完成 " + count + "/" + steps.length;
        var button = path.querySelector("[data-academy-done]");
        if (button) setDoneButton(button, Boolean(store.data.done[path.dataset.step]));
      });
    };
  }

  function mountPageDone(root, store) {
    var button = root.querySelector("[data-academy-done]");
    if (!button) return function () {};
    button.addEventListener("click", function () {
      var primary = pagePrimaryPath(store);
      if (!primary) return;
      var next = primary.querySelector(".academy-pathbar__next");
      if (toggleStep(store, primary.dataset.step) && next) next.focus();
    });
    return function render() {
      var primary = pagePrimaryPath(store);
      root.hidden = !primary;
      if (primary) setDoneButton(button, Boolean(store.data.done[primary.dataset.step]));
    };
  }

  // -------------------------------------------------------------- path page

  function mountPath(root, store) {
    var steps = readSteps(root);
    var bar = root.querySelector("[data-academy-progress]");
    var text = root.querySelector("[data-academy-progress-text]");
    var go = root.querySelector("[data-academy-continue]");
    var firstHref = go ? go.getAttribute("href") : null;
    var choose = root.querySelector("[data-academy-choose-role]");
    if (choose) {
      choose.addEventListener("click", function () {
        chooseRole(store, choose.dataset.role);
      });
    }
    return function render() {
      var done = store.data.done;
      var progress = progressOf(steps, done);
      steps.forEach(function (step) {
        var status = step.item.querySelector("[data-academy-status]");
        if (status) status.textContent = done[step.id] ? "已完成" : "未开始";
        step.item.classList.toggle("academy-step--done", Boolean(done[step.id]));
      });
      if (bar) showProgress(bar, progress);
      if (text) text.textContent = progressSentence(progress);
      if (go && progress.next) {
        go.textContent = (progress.done ? "继续学习：" : "开始学习：") + progress.next.title;
        go.setAttribute("href", progress.next.href);
      } else if (go) {
        go.textContent = "已全部完成";
        go.setAttribute("href", firstHref);
      }
      if (choose) {
        var mine = store.data.role === choose.dataset.role;
        choose.textContent = mine ? "已设为我的角色 ✓" : "设为我的角色";
        choose.classList.toggle("academy-choose--on", mine);
      }
    };
  }

  // ------------------------------------------------------------ role picker

  function mountRolePicker(root, store) {
    var buttons = Array.prototype.slice.call(root.querySelectorAll("button[data-role]"));
    var status = root.querySelector("[data-academy-role-status]");
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        chooseRole(store, button.dataset.role);
      });
    });
    return function render() {
      var chosen = null;
      buttons.forEach(function (button) {
        var mine = button.dataset.role === store.data.role;
        button.setAttribute("aria-pressed", mine ? "true" : "false");
        if (mine) chosen = button;
      });
      if (!status) return;
      status.textContent = "";
      if (!chosen) return;
      var name = chosen.querySelector(".academy-role__name");
      status.append("已选择：" + (name ? name.textContent : chosen.textContent) + "。");
      if (chosen.dataset.pathHref) {
        status.append(" ");
        status.append(
          make("a", "开始学习：" + (chosen.dataset.pathTitle || "学习路径"), {
            href: chosen.dataset.pathHref,
          })
        );
      }
    };
  }

  // -------------------------------------------------------------- dashboard

  function mountDashboard(root, store) {
    var sections = Array.prototype.slice.call(root.querySelectorAll(".academy-dash-path"));
    var status = root.querySelector("[data-academy-tools-status]");
    var say = function (message) {
      if (status) status.textContent = message;
    };
    bindDashboardTools(root, store, say);
    return function render() {
      renderRoleSummary(root, sections, store.data.role);
      var mine = sections.filter(function (section) {
        return section.dataset.role === store.data.role;
      })[0];
      if (mine && mine !== root.querySelector(".academy-dash-path")) {
        root.insertBefore(mine, root.querySelector(".academy-dash-path"));
      }
      sections.forEach(function (section) {
        section.classList.toggle("academy-dash-path--mine", section === mine);
        renderDashPath(section, store.data.done);
      });
    };
  }

  function renderRoleSummary(root, sections, role) {
    var summary = root.querySelector("[data-academy-role-summary]");
    if (!summary) return;
    var home = make("a", "首页", { href: root.dataset.homeHref || summary.dataset.homeHref || "#" });
    summary.textContent = "";
    if (!role) {
      summary.append("尚未选择角色，请到", home, "选择。");
      return;
    }
    var section = sections.filter(function (candidate) {
      return candidate.dataset.role === role;
    })[0];
    home.textContent = "到首页更换";
    // The markup names paths, not roles; a role-name attribute wins when present.
    if (section && section.dataset.roleName) {
      summary.append("我的角色：" + section.dataset.roleName + "（", home, "）");
    } else {
      summary.append("我的学习路径：" + (section ? section.dataset.title : role) + "（", home, "）");
    }
  }

  function renderDashPath(section, done) {
    var list = section.querySelector("[data-academy-steps]");
    var progress = progressOf(list ? readSteps(list) : [], done);
    var bar = section.querySelector("[data-academy-progress]");
    var text = section.querySelector("[data-academy-progress-text]");
    var next = section.querySelector("[data-academy-next]");
    if (bar) showProgress(bar, progress);
    if (text) text.textContent = progressSentence(progress);
    if (!next) return;
    next.textContent = "";
    progress.open.slice(0, 3).forEach(function (step) {
      var item = make("li");
      item.append(make("a", step.title, { href: step.href }));
      item.append(" " + step.minutes + " 分钟" + (step.required ? "" : " · 选修"));
      next.append(item);
    });
  }

  function bindDashboardTools(root, store, say) {
    var exportButton = root.querySelector("[data-academy-export]");
    var importInput = root.querySelector("[data-academy-import]");
    var resetButton = root.querySelector("[data-academy-reset]");
    if (exportButton) {
      exportButton.addEventListener("click", function () {
        load(store);
        var name = "academy-学习记录-" + today() + ".json";
        download(name, JSON.stringify(store.data, null, 2) + "\n", "application/json");
        say("已导出：" + name);
      });
    }
    if (importInput) {
      importInput.addEventListener("change", function () {
        var file = importInput.files && importInput.files[0];
        if (file) importFile(store, file, say);
        importInput.value = "";
      });
    }
    if (resetButton) {
      resetButton.addEventListener("click", function () {
        if (!window.confirm("确定要清除本浏览器中的全部学习记录吗？此操作无法撤销。")) return;
        store.data = emptyData();
        store.broken = false;
        save(store);
        renderAll();
        say("已清除全部学习记录。");
      });
    }
  }

  function importFile(store, file, say) {
    file.text().then(function (text) {
      var imported = null;
      try {
        imported = normalize(JSON.parse(text));
      } catch (error) {
        imported = null;
      }
      if (!imported) {
        say("导入失败：" + file.name + " 不是有效的学习记录文件。");
        return;
      }
      update(store, function (data) {
        merge(data, imported);
      });
      say(
        "已导入 " + file.name + "：" + Object.keys(imported.done).length + " 个已完成步骤，" +
        Object.keys(imported.log).length + " 篇日志。"
      );
    }, function () {
      say("导入失败：无法读取文件 " + file.name + "。");
    });
  }

  // ----------------------------------------------------------- learning log

  function mountLearningLog(root, store) {
    var form = root.querySelector("[data-academy-log-form]");
    var entries = root.querySelector("[data-academy-log-entries]");
    if (!form) return function () {};
    var date = form.elements.namedItem("date");
    var fields = Array.prototype.slice.call(form.querySelectorAll("textarea"));
    var questions = fields.map(function (field, index) {
      return field.labels && field.labels[0] ? field.labels[0].textContent : "问题 " + (index + 1);
    });
    var status = form.querySelector("[data-academy-log-status]");
    var fill = function () {
      var entry = store.data.log[date.value];
      fields.forEach(function (field, index) {
        field.value = entry ? entry.answers[index] || "" : "";
      });
    };
    if (!date.value) date.value = today();
    fill();
    date.addEventListener("change", fill);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      saveLogEntry(store, date.value, fields, status);
    });
    root.addEventListener("click", function (event) {
      var exporter = event.target.closest("[data-academy-log-export]");
      if (exporter) exportLog(store, questions, exporter.dataset.academyLogExport, status);
      if (event.target.closest("[data-academy-print]")) window.print();
    });
    return function render() {
      if (entries) renderLogEntries(entries, store.data.log, questions);
    };
  }

  function saveLogEntry(store, day, fields, status) {
    var answers = fields.map(function (field) {
      return field.value;
    });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      status.textContent = "请先选择日期。";
      return;
    }
    if (!answers.some(function (answer) { return answer.trim(); })) {
      status.textContent = "请至少回答一个问题再保存。";
      return;
    }
    var primary = pagePrimaryPath(store);
    var reflection = primary && primary.dataset.step.indexOf("reflection:") === 0;
    update(store, function (data) {
      data.log[day] = { answers: answers, updated: new Date().toISOString() };
      if (reflection && !data.done[primary.dataset.step]) {
        data.done[primary.dataset.step] = new Date().toISOString();
      }
    });
    status.textContent = "已保存 " + day + " 的日志。";
  }

  function logDays(log) {
    return Object.keys(log).sort().reverse();
  }

  function renderLogEntries(container, log, questions) {
    container.textContent = "";
    var days = logDays(log);
    if (!days.length) {
      container.append(make("p", "还没有日志。"));
      return;
    }
    days.forEach(function (day) {
      var article = make("article", null, { class: "academy-log__entry" });
      article.append(make("h3", day));
      log[day].answers.forEach(function (answer, index) {
        article.append(make("h4", questions[index] || "问题 " + (index + 1)));
        article.append(make("p", answer || "（未填写）", { class: "academy-log__answer" }));
      });
      container.append(article);
    });
  }

  function exportLog(store, questions, format, status) {
    load(store);
    var log = store.data.log;
    var days = logDays(log);
    if (!days.length) {
      status.textContent = "还没有日志可以导出。";
      return;
    }
    var name = "学习日志-" + today() + (format === "json" ? ".json" : ".md");
    if (format === "json") {
      var entries = days.map(function (day) {
        return { date: day, answers: log[day].answers, updated: log[day].updated };
      });
      var json = JSON.stringify({ questions: questions, entries: entries }, null, 2);
      download(name, json + "\n", "application/json");
    } else {
      var parts = ["# 学习日志", ""];
      days.forEach(function (day) {
        parts.push("## " + day, "");
        log[day].answers.forEach(function (answer, index) {
          parts.push("### " + (questions[index] || "问题 " + (index + 1)), "");
          parts.push(answer || "（未填写）", "");
        });
      });
      download(name, parts.join("\n"), "text/markdown;charset=utf-8");
    }
    status.textContent = "已导出：" + name;
  }

  // ------------------------------------------------------------------ mount

  var MOUNTERS = {
    pathbar: mountPathbar,
    pagedone: mountPageDone,
    path: mountPath,
    "role-picker": mountRolePicker,
    dashboard: mountDashboard,
    "learning-log": mountLearningLog,
  };

  // A notice must appear at least once on a page whose widgets run without storage.
  function ensureNotice(view) {
    if (document.querySelector("[data-academy][data-academy-mounted] [data-academy-notice]")) return;
    view.root.append(make("p", null, { class: "academy-notice", "data-academy-notice": "", role: "status", hidden: "" }));
  }

  function mount() {
    views = views.filter(function (view) {
      return view.root.isConnected;
    });
    var roots = document.querySelectorAll("[data-academy]:not([data-academy-mounted])");
    var fresh = [];
    Array.prototype.forEach.call(roots, function (root) {
      var mounter = MOUNTERS[root.dataset.academy];
      if (!mounter) return;
      root.setAttribute("data-academy-mounted", "");
      var store = storeFor(root.dataset.academySite || "default");
      load(store);
      var view = { root: root, store: store, render: mounter(root, store) };
      fresh.push(view);
      views.push(view);
    });
    fresh.forEach(function (view) {
      if (view.store.broken) ensureNotice(view);
    });
    renderAll();
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
