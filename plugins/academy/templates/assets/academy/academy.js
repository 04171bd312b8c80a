// @ts-check
// The browser core, window.Academy.core: the learning data (one localStorage
// document per site), the path widgets, and the mount loop that loads the
// other parts. The plugin renders all markup and data (data-*); scripts only
// add state and behaviour. Text is only ever set as textContent.
(function () {
  "use strict";

  const SCHEMA = 1;
  const NOTICE =
    "无法保存学习进度：浏览器存储不可用或已损坏。本页的操作在关闭页面后不会保留。";
  const DAY = /^\d{4}-\d{2}-\d{2}$/;

  // ---------------------------------------------------------------- helpers

  /** @type {AcademyCore["make"]} */
  function make(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text != null) node.textContent = text;
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    return node;
  }

  /** @type {AcademyCore["all"]} */
  const all = (root, selector) => Array.from(root.querySelectorAll(selector));
  /** @type {AcademyCore["isRecord"]} */
  const isRecord = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  /** @type {AcademyCore["isText"]} */
  const isText = (value) => typeof value === "string";
  /** @type {AcademyCore["own"]} */
  const own = (object, key) => isRecord(object) && Object.prototype.hasOwnProperty.call(object, key);
  // object[key] for own keys only (never "constructor", "__proto__" …)
  /** @type {AcademyCore["pick"]} */
  const pick = (object, key) => (own(object, key) ? /** @type {any} */ (object)[key] : undefined);
  const now = () => new Date().toISOString();
  /** @param {number} number */
  const pad = (number) => String(number).padStart(2, "0");
  /** @type {AcademyCore["localDay"]} */
  const localDay = (date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const today = () => localDay(new Date());

  // "2024-06-01 09:30" in local time; what is not a time is shown as it is.
  /** @type {AcademyCore["localTime"]} */
  function localTime(iso) {
    const date = new Date(/** @type {string} */ (iso));
    if (typeof iso !== "string" || isNaN(date.getTime())) return String(iso || "");
    return `${localDay(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }

  let lastId = 0;
  /** @type {AcademyCore["uniqueId"]} */
  const uniqueId = (prefix) => `${prefix}-${++lastId}`;

  /** @type {AcademyCore["download"]} */
  function download(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    // A detached link: its click never reaches Material's instant navigation.
    make("a", null, { href: url, download: name }).click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // What the trainee did, for xapi.js (loaded when the site sends learning records).
  /** @type {AcademyCore["record"]} */
  function record(detail) {
    document.dispatchEvent(new CustomEvent("academy:record", { detail }));
  }

  // ----------------------------------------------------------------- schema

  const emptyData = () => ({ schema: SCHEMA, role: null, done: {}, log: {}, results: {} });

  /** @type {(entry: unknown) => entry is LogEntry} */
  const isLogEntry = (entry) =>
    isRecord(entry) && Array.isArray(entry.answers) && entry.answers.every(isText) && isText(entry.updated);

  // The stored object with defaults filled in, or null when it is not ours.
  // Unknown fields are kept so that data of a newer version survives a round trip.
  /** @type {AcademyCore["normalize"]} */
  function normalize(value) {
    if (!isRecord(value) || value.schema !== SCHEMA) return null;
    /** @type {LearningData} */
    const data = Object.assign(emptyData(), value);
    const valid =
      (data.role === null || isText(data.role)) &&
      isRecord(data.done) && Object.values(data.done).every(isText) &&
      isRecord(data.log) && Object.keys(data.log).every((day) => DAY.test(day) && isLogEntry(data.log[day])) &&
      isRecord(data.results);
    return valid ? data : null;
  }

  // done: union keeping the earliest time; log: the newer entry per day;
  // role: the imported one only if none is chosen; other fields: added if new.
  /** @type {AcademyCore["merge"]} */
  function merge(into, other) {
    Object.entries(other.done).forEach(([step, time]) => {
      const mine = into.done[step];
      into.done[step] = mine && Date.parse(mine) <= Date.parse(time) ? mine : time;
    });
    Object.entries(other.log).forEach(([day, entry]) => {
      const mine = into.log[day];
      if (!mine || Date.parse(entry.updated) > Date.parse(mine.updated)) into.log[day] = entry;
    });
    if (!into.role && other.role) into.role = other.role;
    Object.keys(other).forEach((field) => {
      if (!(field in into)) into[field] = other[field];
    });
    Object.keys(other.results).forEach((field) => {
      if (!(field in into.results)) into.results[field] = other.results[field];
    });
  }

  // ---------------------------------------------------------------- storage

  /** @type {Record<string, Store>} */
  const stores = {};

  /** @type {AcademyCore["localStore"]} */
  function localStore() {
    try {
      const storage = window.localStorage || null;
      // storage-guard.js stands in (in memory) for storage that is disabled
      if (storage && storage.getItem("academy:storage-unavailable") === "1") return null;
      return storage;
    } catch (error) {
      return null; // disabled storage throws on access
    }
  }

  /** @param {string} site */
  function storeFor(site) {
    if (!stores[site]) stores[site] = { key: "academy:" + site, data: emptyData(), broken: false };
    return stores[site];
  }

  // A value we cannot read is copied aside, never thrown away silently.
  /** @param {Storage} storage @param {Store} store @param {string} raw */
  function setAside(storage, store, raw) {
    try {
      storage.setItem(`${store.key}:corrupt:${now()}`, raw);
      storage.removeItem(store.key);
    } catch (error) {
      // Full or read-only: leave the value where it is.
    }
  }

  // Once storage fails, the rest of this page session runs from memory (as the
  // notice says): later writes would mix kept and lost changes.
  /** @type {AcademyCore["load"]} */
  function load(store) {
    if (store.broken) return;
    let storage = localStore();
    let raw = null;
    try {
      raw = storage && storage.getItem(store.key);
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
    let parsed = null;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      parsed = null;
    }
    const data = normalize(parsed);
    if (data) {
      store.data = data;
      return;
    }
    // Data of a newer version of the site is left in place for it.
    if (!(isRecord(parsed) && typeof parsed.schema === "number" && parsed.schema > SCHEMA)) {
      setAside(storage, store, raw);
    }
    store.data = emptyData();
    store.broken = true;
  }

  /** @type {AcademyCore["save"]} */
  function save(store) {
    if (store.broken) return;
    try {
      window.localStorage.setItem(store.key, JSON.stringify(store.data));
    } catch (error) {
      store.broken = true; // QuotaExceededError, or storage went away
    }
  }

  // Re-read before every change so that changes made in another tab survive.
  /** @type {AcademyCore["update"]} */
  function update(store, change) {
    load(store);
    change(store.data);
    save(store);
    renderAll();
  }

  /** @param {Store} store @param {string} step @param {string[]} [others] marked with it */
  function toggleStep(store, step, others = []) {
    let nowDone = false;
    update(store, (data) => {
      nowDone = !data.done[step];
      for (const id of [step, ...others]) {
        if (nowDone) data.done[id] = data.done[id] || now();
        else delete data.done[id];
      }
    });
    if (nowDone) record({ kind: "page", step });
    return nowDone;
  }

  // A page's step in a path, and the path's other steps on the same page (its sections).
  /** @param {HTMLElement} path @returns {[string, string[]]} */
  const stepsHere = (path) => [path.dataset.step || "", (path.dataset.with || "").split(/\s+/).filter(Boolean)];

  /** @param {Store} store @param {string | undefined} role */
  function chooseRole(store, role) {
    update(store, (data) => {
      data.role = role || null;
    });
  }

  // -------------------------------------------------------------- rendering

  /** @type {View[]} */
  let views = [];

  function renderAll() {
    views.forEach((view) => {
      view.render();
      all(view.root, "[data-academy-notice]").forEach((notice) => {
        notice.textContent = view.store.broken ? NOTICE : "";
        notice.hidden = !view.store.broken;
      });
    });
  }

  // Steps as the plugin describes them on li[data-step] elements.
  /** @type {AcademyCore["readSteps"]} */
  function readSteps(container) {
    return all(container, "li[data-step]").map((item) => ({
      id: item.dataset.step || "",
      minutes: Number(item.dataset.minutes) || 0,
      required: item.dataset.required !== "false",
      title: item.dataset.title || "",
      href: item.dataset.href || "#",
      item,
    }));
  }

  /** @type {AcademyCore["progressOf"]} */
  function progressOf(steps, done) {
    const open = steps.filter((step) => !done[step.id]);
    return {
      done: steps.length - open.length,
      total: steps.length,
      minutesLeft: open.reduce((sum, step) => sum + step.minutes, 0),
      open,
      next: open.find((step) => step.required) || open[0] || null,
    };
  }

  /** @type {AcademyCore["progressSentence"]} */
  function progressSentence({ done, total, minutesLeft }) {
    if (total > 0 && done === total) return `已全部完成 ${total}/${total} 步`;
    if (done === 0) return `尚未开始，共 ${total} 步，约 ${minutesLeft} 分钟`;
    return `已完成 ${done}/${total} 步，剩余约 ${minutesLeft} 分钟`;
  }

  /** @type {AcademyCore["showProgress"]} */
  function showProgress(bar, progress) {
    bar.max = progress.total;
    bar.value = progress.done;
    bar.textContent = `${progress.done}/${progress.total}`;
  }

  /** @param {Element} button @param {boolean} done */
  function setDoneButton(button, done) {
    button.textContent = done ? "已完成 ✓" : "标记为已完成";
    button.setAttribute("aria-pressed", String(done));
    button.classList.toggle("academy-done--on", done);
  }

  /** @param {Event} event */
  const targetOf = (event) => (event.target instanceof Element ? event.target : null);

  // ------------------------------------------------------ path bar, page end

  // The path shown in full: the chosen role's, else the first one rendered.
  /** @param {ParentNode} pathbar @param {string | null} role */
  function primaryPath(pathbar, role) {
    const paths = all(pathbar, ".academy-pathbar__path");
    return paths.find((path) => path.dataset.role === role) || paths[0] || null;
  }

  /** @type {AcademyCore["pagePrimaryPath"]} */
  function pagePrimaryPath(store) {
    const pathbar = document.querySelector('[data-academy="pathbar"]');
    return pathbar ? primaryPath(pathbar, store.data.role) : null;
  }

  /** @type {Mounter} */
  function mountPathbar(root, store) {
    const paths = all(root, ".academy-pathbar__path");
    paths.forEach((path) => {
      const name = path.querySelector(".academy-pathbar__name");
      if (name) path.insertBefore(make("span", "本页也属于：", { class: "academy-pathbar__also" }), name);
    });
    root.addEventListener("click", (event) => {
      const primary = primaryPath(root, store.data.role);
      const target = targetOf(event);
      if (target && target.closest("[data-academy-done]") && primary) toggleStep(store, ...stepsHere(primary));
    });
    return function render() {
      const primary = primaryPath(root, store.data.role);
      // Move the primary path up only when needed: moving a node drops its focus.
      const first = root.querySelector(".academy-pathbar__path");
      if (primary && primary !== first) root.insertBefore(primary, first);
      paths.forEach((path) => {
        const steps = (path.dataset.steps || "").split(/\s+/).filter(Boolean);
        const count = steps.filter((step) => store.data.done[step]).length;
        path.classList.toggle("academy-pathbar__path--secondary", path !== primary);
        const progress = path.querySelector("[data-academy-progress]");
        if (progress) progress.textContent = `已完成 ${count}/${steps.length}`;
        const button = path.querySelector("[data-academy-done]");
        if (button) setDoneButton(button, Boolean(store.data.done[path.dataset.step || ""]));
      });
    };
  }

  /** @type {Mounter} */
  function mountPageDone(root, store) {
    const button = root.querySelector("[data-academy-done]");
    if (!button) return () => {};
    button.addEventListener("click", () => {
      const primary = pagePrimaryPath(store);
      if (!primary) return;
      const next = primary.querySelector(".academy-pathbar__next");
      if (toggleStep(store, ...stepsHere(primary)) && next instanceof HTMLElement) next.focus();
    });
    return function render() {
      const primary = pagePrimaryPath(store);
      root.hidden = !primary;
      if (primary) setDoneButton(button, Boolean(store.data.done[primary.dataset.step || ""]));
    };
  }

  // -------------------------------------------------------------- path page

  /** @type {Mounter} */
  function mountPath(root, store) {
    const steps = readSteps(root);
    const bar = root.querySelector("[data-academy-progress]");
    const text = root.querySelector("[data-academy-progress-text]");
    const go = root.querySelector("[data-academy-continue]");
    const firstHref = (go && go.getAttribute("href")) || "";
    const choose = root.querySelector("[data-academy-choose-role]");
    const role = choose instanceof HTMLElement ? choose.dataset.role : undefined;
    if (choose) choose.addEventListener("click", () => chooseRole(store, role));
    return function render() {
      const done = store.data.done;
      const progress = progressOf(steps, done);
      steps.forEach((step) => {
        const status = step.item.querySelector("[data-academy-status]");
        if (status) status.textContent = done[step.id] ? "已完成" : "未开始";
        step.item.classList.toggle("academy-step--done", Boolean(done[step.id]));
      });
      if (bar instanceof HTMLProgressElement) showProgress(bar, progress);
      if (text) text.textContent = progressSentence(progress);
      if (go && progress.next) {
        go.textContent = (progress.done ? "继续学习：" : "开始学习：") + progress.next.title;
        go.setAttribute("href", progress.next.href);
      } else if (go) {
        go.textContent = "已全部完成";
        go.setAttribute("href", firstHref);
      }
      if (choose) choose.textContent = store.data.role === role ? "已设为我的角色 ✓" : "设为我的角色";
    };
  }

  // ------------------------------------------------------------ role picker

  /** @type {Mounter} */
  function mountRolePicker(root, store) {
    const buttons = all(root, "button[data-role]");
    const status = root.querySelector("[data-academy-role-status]");
    buttons.forEach((button) => {
      button.addEventListener("click", () => chooseRole(store, button.dataset.role));
    });
    return function render() {
      const chosen = buttons.find((button) => button.dataset.role === store.data.role);
      buttons.forEach((button) => button.setAttribute("aria-pressed", String(button === chosen)));
      if (!status) return;
      status.textContent = "";
      if (!chosen) return;
      const name = chosen.querySelector(".academy-role__name") || chosen;
      status.append(`已选择：${name.textContent}。`);
      if (chosen.dataset.pathHref) {
        const title = chosen.dataset.pathTitle || "学习路径";
        status.append(" ", make("a", "开始学习：" + title, { href: chosen.dataset.pathHref }));
      }
    };
  }

  // ------------------------------------------------------------------ mount

  /** @type {Record<string, Mounter>} */
  const MOUNTERS = {
    pathbar: mountPathbar,
    pagedone: mountPageDone,
    path: mountPath,
    "role-picker": mountRolePicker,
  };

  // Widgets found on few pages come in parts, loaded the first time a page has
  // one (and kept across instant navigation): every other page carries only
  // this script. A part registers its mounter; scripts run in the order listed.
  const here = document.currentScript;
  const ASSETS = new URL(".", (here instanceof HTMLScriptElement && here.src) || location.href);
  /** @type {Record<string, Part>} */
  const PARTS = {
    dashboard: {
      scripts: ["scoring.js", "retake.js", "charts.js", "spcm-profile.js", "spcm-view.js", "dashboard.js"],
      styles: ["spcm.css"],
    },
    "learning-log": { scripts: ["log.js"] },
    quiz: {
      scripts: ["scoring.js", "retake.js", "charts.js", "spcm-profile.js", "spcm-view.js",
        "quiz-result.js", "quiz-export.js", "quiz-questions.js", "quiz.js"],
      styles: ["quiz.css", "spcm.css"],
    },
  };
  const requested = new Set();

  /** @param {string} kind */
  function loadPart(kind) {
    const part = PARTS[kind];
    if (!part || requested.has(kind)) return;
    requested.add(kind);
    (part.styles || []).forEach((name) => {
      document.head.append(make("link", null, { rel: "stylesheet", href: new URL(name, ASSETS).href }));
    });
    part.scripts.forEach((name) => {
      const script = make("script", null, { src: new URL(name, ASSETS).href });
      script.async = false; // in the order listed
      document.head.append(script);
    });
  }

  /** @type {AcademyCore["register"]} */
  function register(kind, mounter) {
    MOUNTERS[kind] = mounter;
    mount();
  }

  // The notice must appear at least once on a page whose widgets run without storage.
  /** @param {View} view */
  function ensureNotice(view) {
    if (views.some((shown) => shown.root.querySelector("[data-academy-notice]"))) return;
    view.root.append(make("p", null, { class: "academy-notice", "data-academy-notice": "", role: "status" }));
  }

  /** @param {HTMLElement} root @param {Mounter} mounter */
  function mountOne(root, mounter) {
    root.setAttribute("data-academy-mounted", "");
    const store = storeFor(root.dataset.academySite || "default");
    load(store);
    try {
      const render = mounter(root, store);
      return render ? { root, store, render } : null;
    } catch (error) {
      console.error(error); // one broken widget must not stop the others on the page
      return null;
    }
  }

  // Runs on every page Material shows (document$ replays, and emits again on
  // each instant navigation); widgets already mounted are skipped.
  function mount() {
    views = views.filter((view) => view.root.isConnected);
    /** @type {typeof views} */
    const fresh = [];
    all(document, "[data-academy]:not([data-academy-mounted])").forEach((root) => {
      const mounter = MOUNTERS[root.dataset.academy || ""];
      if (!mounter) {
        loadPart(root.dataset.academy || "");
        return;
      }
      const view = mountOne(root, mounter);
      if (view) fresh.push(view);
    });
    views.push(...fresh);
    fresh.filter((view) => view.store.broken).forEach(ensureNotice);
    renderAll();
  }

  window.Academy = Object.assign(window.Academy || {}, { core: Object.freeze({
    all, make, isRecord, isText, own, pick, now, today, localDay, localTime, uniqueId, download, record, localStore,
    DAY, emptyData, normalize, merge, load, save, update, renderAll,
    readSteps, progressOf, progressSentence, showProgress, pagePrimaryPath,
    register,
  }) });

  // Progress made in another tab shows here without a reload.
  window.addEventListener("storage", (event) => {
    const store = Object.values(stores).find((candidate) => candidate.key === event.key);
    if (!store) return;
    load(store);
    renderAll();
  });

  if (typeof document$ !== "undefined") {
    document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
