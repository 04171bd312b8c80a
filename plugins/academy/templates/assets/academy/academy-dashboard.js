// "我的学习" (the dashboard): my path first, 我的提升计划 from stored quiz
// results, and export, import and reset of all learning data. Loaded by
// academy.js on pages that have a dashboard; it uses academy.js's storage.
(function () {
  "use strict";

  const core = window.AcademyCore;
  if (!core) return;
  const { all, make, isRecord, isText, today, download, emptyData, normalize, merge } = core;
  const { load, save, update, renderAll, readSteps, progressOf, progressSentence, showProgress } = core;

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

  core.register("dashboard", mountDashboard);
})();
