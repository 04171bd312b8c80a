// @ts-check
// "我的学习" (the dashboard): my path first, 我的提升计划 from stored quiz
// results, and export, import and reset of all learning data. Loaded by
// academy.js on pages that have a dashboard, after retake.js; it uses
// academy.js's storage.
(function () {
  "use strict";

  const { core, retake } = window.Academy || {};
  if (!core || !retake) return;
  const { all, make, isRecord, isText, today, localTime, download, emptyData, normalize, merge } = core;
  const { load, save, update, renderAll, readSteps, progressOf, progressSentence, showProgress } = core;
  const { KEEP_NAMES, keepRule, keptAttempt } = retake;

  /**
   * A quiz's kept result, as the dashboard plans with it.
   * @typedef {{ id: string, version: number, entry: Record<string, any>, keep: string,
   *   attempt: Record<string, any>, number: number, href?: string | null, at?: number }} KeptResult
   */
  /** @typedef {{ steps: Step[], position: (url: string | null) => number }} PathOrder */

  // -------------------------------------------------------------- dashboard

  /** @type {Mounter} */
  function mountDashboard(root, store) {
    const sections = all(root, ".academy-dash-path");
    const status = root.querySelector("[data-academy-tools-status]");
    /** @param {string} message */
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

  /** @param {HTMLElement} root @param {HTMLElement | undefined} section @param {string | null} role */
  function renderRoleSummary(root, section, role) {
    const summary = root.querySelector("[data-academy-role-summary]");
    if (!(summary instanceof HTMLElement)) return;
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

  /** @param {HTMLElement} section @param {Record<string, string>} done */
  function renderDashPath(section, done) {
    const list = section.querySelector("[data-academy-steps]");
    const progress = progressOf(list ? readSteps(list) : [], done);
    const bar = section.querySelector("[data-academy-progress]");
    const text = section.querySelector("[data-academy-progress-text]");
    const next = section.querySelector("[data-academy-next]");
    if (bar instanceof HTMLProgressElement) showProgress(bar, progress);
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

  /** @param {HTMLElement} root */
  function makePlanSection(root) {
    const section = make("section", null, { class: "academy-plan", "data-academy-plan": "", "aria-labelledby": "academy-plan-title" });
    const summary = root.querySelector("[data-academy-role-summary]");
    if (summary && summary.nextSibling) root.insertBefore(section, summary.nextSibling);
    else root.prepend(section);
    return section;
  }

  // The dashboard's site root: data-home-href is the home page, relative to this page.
  /** @param {HTMLElement} root */
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
  /** @param {unknown} href @param {string} base */
  function resolveLink(href, base) {
    if (!isText(href)) return null;
    try {
      const url = new URL(href, base);
      return /^(https?|file):$/.test(url.protocol) ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  /** @param {string} url */
  const pageOf = (url) => url.split("#")[0];

  // The dashboard has no scoring spec: it ranks attempts by their stored score.
  /** @param {Record<string, any>} attempt */
  const storedShare = (attempt) => (isRecord(attempt.score) && isRecord(attempt.score.knowledge) ? attempt.score.knowledge.share : null);

  // Per quiz id, the newest version that has scored attempts.
  /** @param {Record<string, unknown>} results @returns {KeptResult[]} */
  function keptResults(results) {
    /** @type {Record<string, KeptResult>} */
    const byQuiz = {};
    Object.keys(results).forEach((key) => {
      const at = key.lastIndexOf("@");
      const entry = results[key];
      if (at < 1 || !isRecord(entry) || !Array.isArray(entry.attempts) || entry.mode === "assessed") return;
      const id = key.slice(0, at);
      const version = Number(key.slice(at + 1)) || 0;
      const attempts = entry.attempts.filter((/** @type {unknown} */ attempt) =>
        isRecord(attempt) && isText(attempt.submitted) && attempt.mode !== "assessed" && isRecord(attempt.score));
      if (!attempts.length) return;
      if (byQuiz[id] && byQuiz[id].version > version) return;
      const keep = keepRule(entry.keep);
      const kept = /** @type {Kept<Record<string, any>>} */ (keptAttempt(attempts, keep, storedShare));
      byQuiz[id] = { id, version, entry, keep, attempt: kept.attempt, number: kept.index + 1 };
    });
    return Object.values(byQuiz);
  }

  // Where a page comes in the chosen path (Infinity: not in it).
  /** @param {HTMLElement | null} path @returns {PathOrder} */
  function pathOrder(path) {
    const steps = path ? readSteps(path.querySelector("[data-academy-steps]") || path) : [];
    const positions = steps.map((step) => pageOf(resolveLink(step.href, location.href) || ""));
    /** @param {string | null} url */
    const position = (url) => {
      const index = url ? positions.indexOf(pageOf(url)) : -1;
      return index === -1 ? Infinity : index;
    };
    return { steps, position };
  }

  // The quizzes in the order of the path (their step), the others by title.
  /** @param {KeptResult[]} results @param {PathOrder} order @param {string} base */
  function planQuizzes(results, { steps }, base) {
    return results
      .map((result) => {
        const step = steps.find((candidate) => candidate.id === "quiz:" + result.id);
        const href = step ? resolveLink(step.href, location.href) : resolveLink(result.entry.page, base);
        return Object.assign(result, { href, at: step ? steps.indexOf(step) : Infinity });
      })
      .sort((a, b) => a.at - b.at || String(a.entry.title || a.id).localeCompare(String(b.entry.title || b.id)));
  }

  // A gap's pages to review, in the order of the path.
  /** @param {Record<string, any>} gap @param {PathOrder} order @param {string} base */
  function reviewLinks(gap, { position }, base) {
    /** @type {{ href: string, title: string, index: number }[]} */
    const links = [];
    (Array.isArray(gap.links) ? gap.links : []).filter(isRecord).forEach((/** @type {Record<string, any>} */ link, /** @type {number} */ index) => {
      const href = resolveLink(link.href, base);
      if (href) links.push({ href, title: isText(link.title) ? link.title : "", index });
    });
    return links.sort((a, b) => position(a.href) - position(b.href) || a.index - b.index);
  }

  // A quiz's gaps in the order of the path (of their first page to review).
  /** @param {KeptResult} result @param {PathOrder} order @param {string} base */
  function planGaps(result, order, base) {
    /** @type {unknown[]} */
    const plan = result.attempt.plan;
    return plan
      .filter(isRecord)
      .filter((gap) => isText(gap.dimension))
      .map((gap) => {
        const links = reviewLinks(gap, order, base);
        return { gap, links, at: links.length ? order.position(links[0].href) : Infinity };
      })
      .sort((a, b) => a.at - b.at);
  }

  /** @param {Record<string, any>} gap @param {{ href: string, title: string }[]} links */
  function gapItem(gap, links) {
    const item = make("li", null, { class: "academy-plan__gap", "data-dimension": gap.dimension });
    const reached = isText(gap.reachedName) ? `已达到 ${gap.reachedName}` : "尚未达到任何级别";
    item.append(make("strong", gap.dimension), `：${reached}，目标 ${isText(gap.targetName) ? gap.targetName : ""}`);
    const cells = (Array.isArray(gap.cells) ? gap.cells : []).filter(isRecord).map((/** @type {Record<string, any>} */ cell) => {
      const name = String(cell.name || cell.level || "").replace(/^SOC-/, "");
      return cell.status === "unassessed" || typeof cell.shortfall !== "number"
        ? `${name}未评估`
        : `${name}差 ${Math.round(cell.shortfall * 1000) / 10}%`;
    });
    if (cells.length) item.append(`（${cells.join("，")}）`);
    if (!links.length) {
      item.append(make("p", "暂无对应的复习页面，请向培训师咨询。", { class: "academy-plan__nolinks" }));
      return item;
    }
    const review = make("ol", null, { class: "academy-plan__links", "aria-label": `${gap.dimension}：要复习的页面` });
    links.forEach((link) => {
      const li = make("li");
      li.append(make("a", "复习：" + (link.title || link.href), { href: link.href }));
      review.append(li);
    });
    item.append(review);
    return item;
  }

  /** @param {KeptResult} result @param {ReturnType<typeof planGaps>} gaps @param {LearningData} data */
  function quizArticle(result, gaps, data) {
    const title = isText(result.entry.title) && result.entry.title ? result.entry.title : result.id;
    const article = make("article", null, { class: "academy-plan__quiz", "data-quiz": result.id });
    article.append(make("h3", title));
    const basis = `依据：保留的成绩（${KEEP_NAMES[result.keep]}），第 ${result.number} 次作答，提交于 ${localTime(result.attempt.submitted)}`;
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
      gaps.forEach(({ gap, links }) => list.append(gapItem(gap, links)));
      article.append(list);
    }
    if (result.href && gaps.length) {
      const next = make("p", "复习后再做：", { class: "academy-plan__next" });
      next.append(make("a", title, { href: result.href }));
      article.append(next);
    }
    return article;
  }

  /** @param {HTMLElement} root @param {Element} section @param {HTMLElement | null} path @param {LearningData} data */
  function renderPlan(root, section, path, data) {
    section.textContent = "";
    section.append(make("h2", "我的提升计划", { id: "academy-plan-title" }));
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
    const base = dashboardRoot(root);
    const order = pathOrder(path);
    let gapsShown = 0;
    planQuizzes(withPlans, order, base).forEach((result) => {
      const gaps = planGaps(result, order, base);
      gapsShown += gaps.length;
      section.append(quizArticle(result, gaps, data));
    });
    if (kept.length > withPlans.length) {
      section.append(make("p", "有些测验的成绩是旧版本页面保存的，没有提升计划；重新作答一次即可生成。", { class: "academy-plan__old" }));
    }
    if (!gapsShown && withPlans.length) {
      section.append(make("p", "目前没有需要提升的维度。", { class: "academy-plan__done" }));
    }
  }

  // ------------------------------------------------- export, import, reset

  /** @param {HTMLElement} root @param {Store} store @param {(message: string) => void} say */
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
    if (importInput instanceof HTMLInputElement) {
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

  /** @param {Store} store @param {File} file @param {(message: string) => void} say */
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
      const other = imported;
      update(store, (data) => merge(data, other));
      const steps = Object.keys(imported.done).length;
      const entries = Object.keys(imported.log).length;
      say(`已导入 ${file.name}：${steps} 个已完成步骤，${entries} 篇日志。`);
    }, () => say(`导入失败：无法读取文件 ${file.name}。`));
  }

  core.register("dashboard", mountDashboard);
})();
