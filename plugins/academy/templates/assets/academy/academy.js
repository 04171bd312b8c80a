// Learning state in the browser: role, completed steps and the learning log,
// kept in localStorage. The plugin renders all markup and data (data-*); this
// script only adds state and behaviour. Text is only ever set as textContent.
(function () {
  "use strict";

  const SCHEMA = 1;
  const NOTICE =
    "无法保存学习进度：浏览器存储不可用或已损坏。本页的操作在关闭页面后不会保留。";
  const DAY = /^\d{4}-\d{2}-\d{2}$/;

  // ---------------------------------------------------------------- helpers

  function make(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text != null) node.textContent = text;
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    return node;
  }

  const all = (root, selector) => Array.from(root.querySelectorAll(selector));
  const isRecord = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  const isText = (value) => typeof value === "string";
  const now = () => new Date().toISOString();

  function today() {
    const date = new Date();
    const pad = (number) => String(number).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }

  function download(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    // A detached link: its click never reaches Material's instant navigation.
    make("a", null, { href: url, download: name }).click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // ----------------------------------------------------------------- schema

  const emptyData = () => ({ schema: SCHEMA, role: null, done: {}, log: {}, results: {} });

  const isLogEntry = (entry) =>
    isRecord(entry) && Array.isArray(entry.answers) && entry.answers.every(isText) && isText(entry.updated);

  // The stored object with defaults filled in, or null when it is not ours.
  // Unknown fields are kept so that data of a newer version survives a round trip.
  function normalize(value) {
    if (!isRecord(value) || value.schema !== SCHEMA) return null;
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

  const stores = {};

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

  function storeFor(site) {
    if (!stores[site]) stores[site] = { key: "academy:" + site, data: emptyData(), broken: false };
    return stores[site];
  }

  // A value we cannot read is copied aside, never thrown away silently.
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

  function save(store) {
    if (store.broken) return;
    try {
      window.localStorage.setItem(store.key, JSON.stringify(store.data));
    } catch (error) {
      store.broken = true; // QuotaExceededError, or storage went away
    }
  }

  // Re-read before every change so that changes made in another tab survive.
  function update(store, change) {
    load(store);
    change(store.data);
    save(store);
    renderAll();
  }

  function toggleStep(store, step) {
    let nowDone = false;
    update(store, (data) => {
      nowDone = !data.done[step];
      if (nowDone) data.done[step] = now();
      else delete data.done[step];
    });
    return nowDone;
  }

  function chooseRole(store, role) {
    update(store, (data) => {
      data.role = role;
    });
  }

  // -------------------------------------------------------------- rendering

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
  function readSteps(container) {
    return all(container, "li[data-step]").map((item) => ({
      id: item.dataset.step,
      minutes: Number(item.dataset.minutes) || 0,
      required: item.dataset.required !== "false",
      title: item.dataset.title || "",
      href: item.dataset.href || "#",
      item,
    }));
  }

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

  function progressSentence({ done, total, minutesLeft }) {
    if (total > 0 && done === total) return `已全部完成 ${total}/${total} 步`;
    if (done === 0) return `尚未开始，共 ${total} 步，约 ${minutesLeft} 分钟`;
    return `已完成 ${done}/${total} 步，剩余约 ${minutesLeft} 分钟`;
  }

  function showProgress(bar, progress) {
    bar.max = progress.total;
    bar.value = progress.done;
    bar.textContent = `${progress.done}/${progress.total}`;
  }

  function setDoneButton(button, done) {
    button.textContent = done ? "已完成 ✓" : "标记为已完成";
    button.setAttribute("aria-pressed", String(done));
    button.classList.toggle("academy-done--on", done);
  }

  // ------------------------------------------------------ path bar, page end

  // The path shown in full: the chosen role's, else the first one rendered.
  function primaryPath(pathbar, role) {
    const paths = all(pathbar, ".academy-pathbar__path");
    return paths.find((path) => path.dataset.role === role) || paths[0] || null;
  }

  function pagePrimaryPath(store) {
    const pathbar = document.querySelector('[data-academy="pathbar"]');
    return pathbar ? primaryPath(pathbar, store.data.role) : null;
  }

  function mountPathbar(root, store) {
    const paths = all(root, ".academy-pathbar__path");
    paths.forEach((path) => {
      const name = path.querySelector(".academy-pathbar__name");
      if (name) path.insertBefore(make("span", "本页也属于：", { class: "academy-pathbar__also" }), name);
    });
    root.addEventListener("click", (event) => {
      const primary = primaryPath(root, store.data.role);
      if (event.target.closest("[data-academy-done]") && primary) toggleStep(store, primary.dataset.step);
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
        if (button) setDoneButton(button, Boolean(store.data.done[path.dataset.step]));
      });
    };
  }

  function mountPageDone(root, store) {
    const button = root.querySelector("[data-academy-done]");
    if (!button) return () => {};
    button.addEventListener("click", () => {
      const primary = pagePrimaryPath(store);
      if (!primary) return;
      const next = primary.querySelector(".academy-pathbar__next");
      if (toggleStep(store, primary.dataset.step) && next) next.focus();
    });
    return function render() {
      const primary = pagePrimaryPath(store);
      root.hidden = !primary;
      if (primary) setDoneButton(button, Boolean(store.data.done[primary.dataset.step]));
    };
  }

  // -------------------------------------------------------------- path page

  function mountPath(root, store) {
    const steps = readSteps(root);
    const bar = root.querySelector("[data-academy-progress]");
    const text = root.querySelector("[data-academy-progress-text]");
    const go = root.querySelector("[data-academy-continue]");
    const firstHref = go && go.getAttribute("href");
    const choose = root.querySelector("[data-academy-choose-role]");
    if (choose) choose.addEventListener("click", () => chooseRole(store, choose.dataset.role));
    return function render() {
      const done = store.data.done;
      const progress = progressOf(steps, done);
      steps.forEach((step) => {
        const status = step.item.querySelector("[data-academy-status]");
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
        const mine = store.data.role === choose.dataset.role;
        choose.textContent = mine ? "已设为我的角色 ✓" : "设为我的角色";
      }
    };
  }

  // ------------------------------------------------------------ role picker

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

  // -------------------------------------------------------------- dashboard

  function mountDashboard(root, store) {
    const sections = all(root, ".academy-dash-path");
    const status = root.querySelector("[data-academy-tools-status]");
    const say = (message) => {
      if (status) status.textContent = message;
    };
    bindDashboardTools(root, store, say);
    const plan = root.querySelector("[data-academy-plan]") || makePlanSection(root);
    return function render() {
      const mine = sections.find((section) => section.dataset.role === store.data.role);
      renderRoleSummary(root, mine, store.data.role);
      const first = root.querySelector(".academy-dash-path");
      if (mine && mine !== first) root.insertBefore(mine, first);
      renderPlan(root, plan, mine || sections[0] || null, store.data);
      sections.forEach((section) => {
        section.classList.toggle("academy-dash-path--mine", section === mine);
        renderDashPath(section, store.data.done);
      });
    };
  }

  function renderRoleSummary(root, section, role) {
    const summary = root.querySelector("[data-academy-role-summary]");
    if (!summary) return;
    const home = make("a", "首页", { href: root.dataset.homeHref || summary.dataset.homeHref || "#" });
    summary.textContent = "";
    if (!role) {
      summary.append("尚未选择角色，请到", home, "选择。");
      return;
    }
    home.textContent = "到首页更换";
    // The markup names paths, not roles; a role-name attribute wins when present.
    if (section && section.dataset.roleName) {
      summary.append(`我的角色：${section.dataset.roleName}（`, home, "）");
    } else {
      summary.append(`我的学习路径：${section ? section.dataset.title : role}（`, home, "）");
    }
  }

  function renderDashPath(section, done) {
    const list = section.querySelector("[data-academy-steps]");
    const progress = progressOf(list ? readSteps(list) : [], done);
    const bar = section.querySelector("[data-academy-progress]");
    const text = section.querySelector("[data-academy-progress-text]");
    const next = section.querySelector("[data-academy-next]");
    if (bar) showProgress(bar, progress);
    if (text) text.textContent = progressSentence(progress);
    if (!next) return;
    next.textContent = "";
    progress.open.slice(0, 3).forEach((step) => {
      const item = make("li");
      const meta = ` ${step.minutes} 分钟${step.required ? "" : " · 选修"}`;
      item.append(make("a", step.title, { href: step.href }), meta);
      next.append(item);
    });
  }

  // ------------------------------------------------- 我的提升计划 (dashboard)
  //
  // Built from what each quiz page stored with its attempts (quiz.js):
  // results["<quiz>@<version>"] = { title, page, mode, keep, attempts: [
  //   { submitted, role, score: {knowledge: {share}}, plan: [
  //     { dimension, reached, reachedName, target, targetName,
  //       cells: [{level, name, status, shortfall}], links: [{href, title}] } ] } ] }
  // Links and page are relative to the site root (or absolute); they are
  // resolved against this site's root and ordered by the chosen path's steps.

  const KEEP_NAMES = { best: "最好成绩", last: "最后一次", first: "第一次", average: "平均" };

  function makePlanSection(root) {
    const section = make("section", null, { class: "academy-plan", "data-academy-plan": "", "aria-labelledby": "academy-plan-title" });
    const summary = root.querySelector("[data-academy-role-summary]");
    if (summary && summary.nextSibling) root.insertBefore(section, summary.nextSibling);
    else root.prepend(section);
    return section;
  }

  // The dashboard's site root: data-home-href is the home page, relative to this page.
  function dashboardRoot(root) {
    const logo = document.querySelector("a.md-logo[href]");
    const home = root.dataset.homeHref || (logo && logo.getAttribute("href"));
    try {
      return new URL(".", new URL(home || ".", location.href)).href;
    } catch (error) {
      return location.href;
    }
  }

  // Only links into a web or file site, never javascript: or data:.
  function resolveLink(href, base) {
    if (!isText(href)) return null;
    try {
      const url = new URL(href, base);
      return /^(https?|file):$/.test(url.protocol) ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  const pageOf = (url) => url.split("#")[0];

  // The attempt that counts, by the quiz's retake policy: the same choice as
  // quiz.js's keptOf, from the stored scores (the dashboard has no scoring
  // spec). best: highest knowledge share, ties → later; average: the last
  // attempt's levels and gaps (with the mean share shown by the quiz page).
  function keptAttempt(attempts, keep) {
    if (!attempts.length) return null;
    if (keep === "first") return attempts[0];
    if (keep !== "best") return attempts[attempts.length - 1];
    const share = (attempt) => {
      const value = isRecord(attempt.score) && isRecord(attempt.score.knowledge) ? attempt.score.knowledge.share : null;
      return typeof value === "number" ? value : -1;
    };
    return attempts.reduce((best, attempt) => (share(attempt) >= share(best) ? attempt : best));
  }

  // Per quiz id, the newest version that has scored attempts.
  function keptResults(results) {
    const byQuiz = {};
    Object.keys(results).forEach((key) => {
      const at = key.lastIndexOf("@");
      const entry = results[key];
      if (at < 1 || !isRecord(entry) || !Array.isArray(entry.attempts) || entry.mode === "assessed") return;
      const id = key.slice(0, at);
      const version = Number(key.slice(at + 1)) || 0;
      const attempts = entry.attempts.filter((attempt) =>
        isRecord(attempt) && isText(attempt.submitted) && attempt.mode !== "assessed" && isRecord(attempt.score));
      if (!attempts.length) return;
      if (byQuiz[id] && byQuiz[id].version > version) return;
      const keep = Object.prototype.hasOwnProperty.call(KEEP_NAMES, entry.keep) ? entry.keep : "best";
      const attempt = keptAttempt(attempts, keep);
      byQuiz[id] = { id, version, entry, keep, attempt, number: attempts.indexOf(attempt) + 1 };
    });
    return Object.values(byQuiz);
  }

  function renderPlan(root, section, path, data) {
    section.textContent = "";
    section.append(make("h2", "我的提升计划", { id: "academy-plan-title" }));
    const base = dashboardRoot(root);
    const steps = path ? readSteps(path.querySelector("[data-academy-steps]") || path) : [];
    const positions = steps.map((step) => pageOf(resolveLink(step.href, location.href) || ""));
    const position = (url) => {
      const index = url ? positions.indexOf(pageOf(url)) : -1;
      return index === -1 ? Infinity : index;
    };
    const quizStep = (id) => steps.find((step) => step.id === "quiz:" + id);
    const kept = keptResults(isRecord(data.results) ? data.results : {});
    const withPlans = kept.filter((result) => Array.isArray(result.attempt.plan));
    if (!kept.length) {
      section.append(make("p", "还没有测验结果。完成学习路径中的测验后，这里会按学习路径的顺序列出要复习的页面和下一步要做的测验。", {
        class: "academy-plan__empty",
      }));
      return;
    }
    section.append(make("p",
      "依据各测验保留的成绩，按" + (path ? `“${path.dataset.title || "学习路径"}”` : "学习路径") + "的顺序列出要复习的页面，复习后再做一次测验。", {
        class: "academy-plan__intro",
      }));
    const quizzes = withPlans
      .map((result) => {
        const step = quizStep(result.id);
        const href = step ? resolveLink(step.href, location.href) : resolveLink(result.entry.page, base);
        return Object.assign(result, { href, at: step ? steps.indexOf(step) : Infinity });
      })
      .sort((a, b) => a.at - b.at || String(a.entry.title || a.id).localeCompare(String(b.entry.title || b.id)));
    let gapsShown = 0;
    quizzes.forEach((result) => {
      const gaps = result.attempt.plan.filter((gap) => isRecord(gap) && isText(gap.dimension)).map((gap) => {
        const links = (Array.isArray(gap.links) ? gap.links : [])
          .filter(isRecord)
          .map((link, index) => ({ href: resolveLink(link.href, base), title: isText(link.title) ? link.title : "", index }))
          .filter((link) => link.href)
          .sort((a, b) => position(a.href) - position(b.href) || a.index - b.index);
        return { gap, links, at: links.length ? position(links[0].href) : Infinity };
      });
      gaps.sort((a, b) => a.at - b.at);
      const title = isText(result.entry.title) && result.entry.title ? result.entry.title : result.id;
      const article = make("article", null, { class: "academy-plan__quiz", "data-quiz": result.id });
      article.append(make("h3", title));
      const basis = `依据：保留的成绩（${KEEP_NAMES[result.keep]}），第 ${result.number} 次作答，提交于 ${shortTime(result.attempt.submitted)}`;
      const role = isText(result.attempt.role) ? result.attempt.role : null;
      article.append(make("p", basis + (role && role !== data.role ? "。提交时选择的角色与当前角色不同，建议重新作答。" : "。"), {
        class: "academy-plan__basis",
      }));
      if (!gaps.length) {
        article.append(make("p", role ? "各维度均已达到目标级别，没有差距。" : "提交时尚未选择角色，无法与目标级别比较；选择角色后请再做一次。", {
          class: "academy-plan__none",
        }));
      } else {
        const list = make("ol", null, { class: "academy-plan__gaps" });
        gaps.forEach(({ gap, links }) => {
          gapsShown += 1;
          const item = make("li", null, { class: "academy-plan__gap", "data-dimension": gap.dimension });
          const reached = isText(gap.reachedName) ? `已达到 ${gap.reachedName}` : "尚未达到任何级别";
          item.append(make("strong", gap.dimension), `：${reached}，目标 ${isText(gap.targetName) ? gap.targetName : ""}`);
          const cells = (Array.isArray(gap.cells) ? gap.cells : []).filter(isRecord).map((cell) => {
            const name = String(cell.name || cell.level || "").replace(/^SOC-/, "");
            return cell.status === "unassessed" || typeof cell.shortfall !== "number"
              ? `${name}未评估`
              : `${name}差 ${Math.round(cell.shortfall * 1000) / 10}%`;
          });
          if (cells.length) item.append(`（${cells.join("，")}）`);
          if (links.length) {
            const review = make("ol", null, { class: "academy-plan__links", "aria-label": `${gap.dimension}：要复习的页面` });
            links.forEach((link) => {
              const li = make("li");
              li.append(make("a", "复习：" + (link.title || link.href), { href: link.href }));
              review.append(li);
            });
            item.append(review);
          } else {
            item.append(make("p", "暂无对应的复习页面，请向培训师咨询。", { class: "academy-plan__nolinks" }));
          }
          list.append(item);
        });
        article.append(list);
      }
      if (result.href && gaps.length) {
        const next = make("p", "复习后再做：", { class: "academy-plan__next" });
        next.append(make("a", title, { href: result.href }));
        article.append(next);
      }
      section.append(article);
    });
    if (kept.length > withPlans.length) {
      section.append(make("p", "有些测验的成绩是旧版本页面保存的，没有提升计划；重新作答一次即可生成。", { class: "academy-plan__old" }));
    }
    if (!gapsShown && withPlans.length) {
      section.append(make("p", "目前没有需要提升的维度。", { class: "academy-plan__done" }));
    }
  }

  function shortTime(iso) {
    const date = new Date(iso);
    if (isNaN(date.getTime())) return String(iso);
    const pad = (number) => String(number).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }

  function bindDashboardTools(root, store, say) {
    const exportButton = root.querySelector("[data-academy-export]");
    const importInput = root.querySelector("[data-academy-import]");
    const resetButton = root.querySelector("[data-academy-reset]");
    if (exportButton) {
      exportButton.addEventListener("click", () => {
        load(store);
        const name = `academy-学习记录-${today()}.json`;
        download(name, JSON.stringify(store.data, null, 2) + "\n", "application/json");
        say("已导出：" + name);
      });
    }
    if (importInput) {
      importInput.addEventListener("change", () => {
        const file = importInput.files && importInput.files[0];
        if (file) importFile(store, file, say);
        importInput.value = "";
      });
    }
    if (resetButton) {
      resetButton.addEventListener("click", () => {
        if (!window.confirm("确定要清除本浏览器中的全部学习记录吗？此操作无法撤销。")) return;
        store.data = emptyData();
        store.broken = false; // a fresh start may make storage usable again
        save(store);
        renderAll();
        say("已清除全部学习记录。");
      });
    }
  }

  function importFile(store, file, say) {
    file.text().then((text) => {
      let imported = null;
      try {
        imported = normalize(JSON.parse(text));
      } catch (error) {
        imported = null;
      }
      if (!imported) {
        say(`导入失败：${file.name} 不是有效的学习记录文件。`);
        return;
      }
      update(store, (data) => merge(data, imported));
      const steps = Object.keys(imported.done).length;
      const entries = Object.keys(imported.log).length;
      say(`已导入 ${file.name}：${steps} 个已完成步骤，${entries} 篇日志。`);
    }, () => say(`导入失败：无法读取文件 ${file.name}。`));
  }

  // ----------------------------------------------------------- learning log

  function mountLearningLog(root, store) {
    const form = root.querySelector("[data-academy-log-form]");
    const entries = root.querySelector("[data-academy-log-entries]");
    if (!form) return () => {};
    const date = form.elements.namedItem("date");
    const fields = all(form, "textarea");
    const questions = fields.map((field, index) =>
      field.labels && field.labels[0] ? field.labels[0].textContent : `问题 ${index + 1}`);
    const status = form.querySelector("[data-academy-log-status]") || make("p");
    const fill = () => {
      const entry = store.data.log[date.value];
      fields.forEach((field, index) => {
        field.value = entry ? entry.answers[index] || "" : "";
      });
    };
    if (!date.value) date.value = today();
    fill();
    date.addEventListener("change", fill);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      saveLogEntry(store, date.value, fields, status);
    });
    root.addEventListener("click", (event) => {
      const exporter = event.target.closest("[data-academy-log-export]");
      if (exporter) exportLog(store, questions, exporter.dataset.academyLogExport, status);
      if (event.target.closest("[data-academy-print]")) window.print();
    });
    return function render() {
      if (entries) renderLogEntries(entries, store.data.log, questions);
    };
  }

  function saveLogEntry(store, day, fields, status) {
    const answers = fields.map((field) => field.value);
    if (!DAY.test(day)) {
      status.textContent = "请先选择日期。";
      return;
    }
    if (!answers.some((answer) => answer.trim())) {
      status.textContent = "请至少回答一个问题再保存。";
      return;
    }
    // Writing the log completes the page's reflection step, if it is one.
    const primary = pagePrimaryPath(store);
    const reflection = primary && primary.dataset.step.startsWith("reflection:") ? primary.dataset.step : null;
    update(store, (data) => {
      data.log[day] = { answers, updated: now() };
      if (reflection && !data.done[reflection]) data.done[reflection] = now();
    });
    status.textContent = `已保存 ${day} 的日志。`;
  }

  const logDays = (log) => Object.keys(log).sort().reverse();
  const question = (questions, index) => questions[index] || `问题 ${index + 1}`;

  function renderLogEntries(container, log, questions) {
    container.textContent = "";
    const days = logDays(log);
    if (!days.length) container.append(make("p", "还没有日志。"));
    days.forEach((day) => {
      const article = make("article", null, { class: "academy-log__entry" });
      article.append(make("h3", day));
      log[day].answers.forEach((answer, index) => {
        article.append(make("h4", question(questions, index)));
        article.append(make("p", answer || "（未填写）", { class: "academy-log__answer" }));
      });
      container.append(article);
    });
  }

  function exportLog(store, questions, format, status) {
    load(store);
    const log = store.data.log;
    const days = logDays(log);
    if (!days.length) {
      status.textContent = "还没有日志可以导出。";
      return;
    }
    const name = `学习日志-${today()}.${format === "json" ? "json" : "md"}`;
    if (format === "json") {
      const entries = days.map((day) => ({ date: day, answers: log[day].answers, updated: log[day].updated }));
      download(name, JSON.stringify({ questions, entries }, null, 2) + "\n", "application/json");
    } else {
      const lines = ["# 学习日志", ""];
      days.forEach((day) => {
        lines.push(`## ${day}`, "");
        log[day].answers.forEach((answer, index) => {
          lines.push(`### ${question(questions, index)}`, "", answer || "（未填写）", "");
        });
      });
      download(name, lines.join("\n"), "text/markdown;charset=utf-8");
    }
    status.textContent = "已导出：" + name;
  }

  // ------------------------------------------------------------------ mount

  const MOUNTERS = {
    pathbar: mountPathbar,
    pagedone: mountPageDone,
    path: mountPath,
    "role-picker": mountRolePicker,
    dashboard: mountDashboard,
    "learning-log": mountLearningLog,
  };

  // The notice must appear at least once on a page whose widgets run without storage.
  function ensureNotice(view) {
    if (document.querySelector("[data-academy-mounted] [data-academy-notice]")) return;
    view.root.append(make("p", null, { class: "academy-notice", "data-academy-notice": "", role: "status" }));
  }

  // Runs on every page Material shows (document$ replays, and emits again on
  // each instant navigation); widgets already mounted are skipped.
  function mount() {
    views = views.filter((view) => view.root.isConnected);
    const fresh = [];
    all(document, "[data-academy]:not([data-academy-mounted])").forEach((root) => {
      const mounter = MOUNTERS[root.dataset.academy];
      if (!mounter) return;
      root.setAttribute("data-academy-mounted", "");
      const store = storeFor(root.dataset.academySite || "default");
      load(store);
      const view = { root, store, render: mounter(root, store) };
      fresh.push(view);
      views.push(view);
    });
    fresh.filter((view) => view.store.broken).forEach(ensureNotice);
    renderAll();
  }

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
