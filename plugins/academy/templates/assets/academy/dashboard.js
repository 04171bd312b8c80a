// @ts-check
// "我的学习" (the dashboard): my SPCM result (the profile of every quiz
// taken, spcm-profile.js and spcm-view.js), my path with its next steps, and
// export, import and reset of all learning data. Loaded by academy.js on
// pages that have a dashboard, after the SPCM parts; it uses academy.js's storage.
(function () {
  "use strict";

  const { core, spcmProfile, spcmView } = window.Academy || {};
  if (!core || !spcmProfile || !spcmView) return;
  const { all, make, isText, today, download, emptyData, normalize, merge } = core;
  const { load, save, update, renderAll, readSteps, progressOf, progressSentence, showProgress } = core;
  const { readModel, roleOf, storedBanks, profileOf, downloadProfile } = spcmProfile;
  const { renderProfile, print } = spcmView;

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
    const model = readModel(root);
    bindPlanTools(root, plan, model, store);
    let shown = "";
    return function render() {
      const mine = sections.find((section) => section.dataset.role === store.data.role);
      renderRoleSummary(root, mine, store.data.role);
      const first = root.querySelector(".academy-dash-path");
      if (mine && mine !== first) root.insertBefore(mine, first);
      // Drawn again only when its data changed: a redraw closes opened details.
      const showing = JSON.stringify([store.data.role, store.data.results]);
      if (showing !== shown) renderPlan(root, plan, model, store.data);
      shown = showing;
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

  // ------------------------------------------------ 我的 SPCM 结果 (dashboard)
  //
  // The profile of every practice bank taken: each counts with its kept
  // attempt (retake rule), scored with the spec its quiz page stored next to
  // the attempts (quiz.js), for the chosen role. spcm-view.js shows it, as
  // on a quiz result; 导出 SPCM 结果 writes the file `academy score` reads.

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

  // The trainee's name as last typed into a quiz that counts.
  /** @param {SpcmProfile} profile */
  function traineeName(profile) {
    const named = profile.counted.map((item) => item.attempt)
      .filter((attempt) => isText(attempt.name) && attempt.name)
      .sort((a, b) => Date.parse(b.submitted) - Date.parse(a.submitted));
    return named.length ? named[0].name : "";
  }

  /** @param {HTMLElement} root @param {SpcmModel} model @param {LearningData} data */
  function currentProfile(root, model, data) {
    const role = roleOf(model, data.role);
    const { banks, skipped } = storedBanks(data.results, model, dashboardRoot(root));
    return { role, profile: profileOf(banks, role), skipped };
  }

  /** @param {HTMLElement} root @param {Element} section @param {SpcmModel} model @param {LearningData} data */
  function renderPlan(root, section, model, data) {
    section.textContent = "";
    section.append(make("h2", "我的 SPCM 结果", { id: "academy-plan-title" }));
    const { role, profile, skipped } = currentProfile(root, model, data);
    const home = root.dataset.homeHref || null;
    section.append(renderProfile({
      model, profile, role, context: "dashboard", title: "我的学习", name: profile ? traineeName(profile) : "", home, skipped,
    }));
    if (!profile) return;
    const tools = make("p", null, { class: "academy-plan__tools" });
    tools.append(
      make("button", "打印报告", { type: "button", class: "md-button", "data-academy-print": "" }), " ",
      make("button", "导出 SPCM 结果", { type: "button", class: "md-button", "data-academy-export-profile": "" }),
    );
    section.append(tools, make("p", null, { class: "academy-plan__status", role: "status", "data-academy-plan-status": "" }));
  }

  /** @param {HTMLElement} root @param {Element} section @param {SpcmModel} model @param {Store} store */
  function bindPlanTools(root, section, model, store) {
    section.addEventListener("click", (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (!target) return;
      if (target.closest("[data-academy-print]")) print();
      if (!target.closest("[data-academy-export-profile]")) return;
      load(store);
      const { profile } = currentProfile(root, model, store.data);
      const status = section.querySelector("[data-academy-plan-status]");
      if (!profile) return;
      const name = downloadProfile(profile, traineeName(profile));
      if (status) status.textContent = "已导出：" + name + "（培训师可用 academy score 核对）";
    });
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
