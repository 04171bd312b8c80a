// @ts-check
// The SPCM result as a trainee reads it, the same on a quiz page (the profile
// with that attempt counted) and on 我的学习 (all banks taken): first a summary
// (the level against the role's target, how many dimensions are there, three
// next actions), then one card per dimension, the charts, and what the level
// means, folded. spcm-profile.js computes; this file only shows. Text is only
// ever set with textContent; links come checked from spcm-profile.js.
(function () {
  "use strict";

  const { core, charts, spcmProfile } = window.Academy || {};
  if (!core || !charts || !spcmProfile) return;
  const { make, isRecord, pick, uniqueId, localDay } = core;
  const { tallies, reviewLinks, nextActions, quizzesToTake } = spcmProfile;
  const { radar: radarChart, bars: barChart } = charts;

  /** @type {AcademySpcmView["percent"]} */
  const percent = (share) => Math.round(share * 100) + "%";

  /** @param {SpcmModel} model @param {string | null | undefined} level */
  const levelName = (model, level) => (level == null ? "" : model.levelNames[level] || level);
  /** @param {SpcmModel} model @param {string | null | undefined} level */
  const shortName = (model, level) => levelName(model, level).replace(/^SOC-/, "");
  /** @param {SpcmModel} model @param {string | null | undefined} level */
  const rank = (model, level) => (level == null ? -1 : model.levels.indexOf(level));

  /** @param {Score} score @param {string} dimension @param {string} level @returns {CellScore | null} */
  function cellOf(score, dimension, level) {
    const cell = pick(pick(score.cells, dimension), level);
    return isRecord(cell) ? /** @type {CellScore} */ (cell) : null;
  }

  // A self-rating (0–1, the mean of 1–4 ratings) in the words of the scale.
  /** @param {SpcmModel} model @param {number} share */
  function ratingWords(model, share) {
    const scale = model.scale.length ? model.scale : ["1", "2", "3", "4"];
    return scale[Math.max(0, Math.min(scale.length - 1, Math.round(share * (scale.length - 1))))];
  }

  /** @param {SpcmOptionsWithScore} options */
  function minItems(options) {
    const first = options.profile.counted[0];
    const value = first ? first.bank.spec.model.min_items : undefined;
    return typeof value === "number" ? value : 3;
  }

  /** @typedef {SpcmViewOptions & { profile: SpcmProfile }} SpcmOptionsWithScore */
  /** @typedef {"met" | "gap" | "open" | "none"} Standing */

  // Where a dimension stands against the target: met, short (gap), or not
  // decided for lack of evidence (open); "none" without a target.
  /** @param {SpcmModel} model @param {Score} score @param {string} dimension @returns {Standing} */
  function standing(model, score, dimension) {
    if (!score.target) return "none";
    if (rank(model, pick(score.reached, dimension)) >= rank(model, score.target)) return "met";
    const stop = pick(score.stopped, dimension);
    return isRecord(stop) && stop.status === "failed" ? "gap" : "open";
  }

  // ---------------------------------------------------------------- summary

  /** @type {AcademySpcmView["summarySentence"]} */
  function summarySentence(options) {
    const { model, profile, role } = options;
    const target = role ? levelName(model, role.target) : "";
    const wanted = target ? `，目标是 ${target}` : "";
    if (!profile) return "还没有测验成绩：做完一个测验后，这里会显示你的 SPCM 级别。";
    const score = profile.score;
    if (score.overall != null) {
      const reached = levelName(model, score.overall);
      if (role && score.overall === role.target) return `你已达到目标级别 ${target}。`;
      if (role && rank(model, score.overall) > rank(model, role.target)) return `你已达到 ${reached}，超过目标 ${target}。`;
      return `你目前达到 ${reached}${wanted}。`;
    }
    if (score.overall_status === "not_reached") return `你还未达到 ${levelName(model, model.levels[0])}${wanted}。`;
    const quiz = quizzesToTake(model, profile, role)[0];
    const head = "证据还不够判定你的级别" + (target ? `（目标是 ${target}）` : "");
    return head + (quiz ? `：再做“${quiz.bank.title.replace(/^测验[：:]\s*/, "")}”测验。` : "。");
  }

  /** @param {SpcmOptionsWithScore} options */
  function countSentence(options) {
    const { model, profile, role } = options;
    const score = profile.score;
    const focus = score.focus;
    if (!role) return `已评估 ${focus.filter((d) => pick(score.assessed, d)).length} / ${focus.length} 个维度。`;
    /** @type {Record<Standing, number>} */
    const count = { met: 0, gap: 0, open: 0, none: 0 };
    focus.forEach((dimension) => (count[standing(model, score, dimension)] += 1));
    const parts = [`${count.met} 个已达到目标`];
    if (count.gap) parts.push(`${count.gap} 个未达到`);
    if (count.open) parts.push(`${count.open} 个证据不足`);
    return `你的角色考核 ${focus.length} 个维度：${parts.join("，")}。`;
  }

  /** @param {SpcmAdded} added */
  function addedSentence(added) {
    const head = added.asked
      ? `这次测验为 ${added.cells} 个格子提供了 ${added.asked} 道题的证据（答对 ${added.right} / ${added.asked} 题）`
      : "这次测验没有知识题，只有自评（自评只作对照，不决定级别）";
    const decided = added.decided ? `，其中 ${added.decided} 个格子因此可以判定` : "";
    return head + decided + "。" + added.note;
  }

  /** @param {SpcmViewOptions} options */
  function summary(options) {
    const { model, profile, role } = options;
    const box = make("div", null, { class: "academy-spcm__summary" });
    const verdict = make("p", null, { class: "academy-spcm__verdict" });
    verdict.append(make("strong", summarySentence(options)));
    if (profile) verdict.append(" ", countSentence(/** @type {SpcmOptionsWithScore} */ (options)));
    box.append(verdict);
    if (!role) {
      const note = make("p", "尚未选择角色：", { class: "academy-spcm__no-role" });
      note.append(options.home ? make("a", "到首页选择“我是…”", { href: options.home }) : "请到首页选择“我是…”",
        "，结果会与你的目标级别比较。");
      box.append(note);
    }
    if (options.added) box.append(make("p", addedSentence(options.added), { class: "academy-spcm__added" }));
    const actions = nextActions(model, profile, role, 3);
    if (actions.length) {
      const id = uniqueId("academy-spcm-next");
      box.append(make("h3", "接下来做什么", { id, class: "academy-spcm__next-title" }));
      const list = make("ol", null, { class: "academy-spcm__actions", "aria-labelledby": id });
      actions.forEach((action) => {
        const item = make("li", null, { class: "academy-spcm__action academy-spcm__action--" + action.kind });
        const verb = action.kind === "read" ? "阅读：" : action.kind === "retake" ? "再做测验：" : "做测验：";
        const title = action.kind === "read" ? action.title : action.title.replace(/^测验[：:]\s*/, "");
        item.append(make("span", verb, { class: "academy-spcm__verb" }), make("a", title, { href: action.href }));
        item.append(make("span", action.why, { class: "academy-spcm__why" }));
        list.append(item);
      });
      box.append(list);
    }
    (options.skipped || []).forEach((text) => box.append(make("p", "未计入：" + text, { class: "academy-spcm__skipped" })));
    return box;
  }

  // ------------------------------------------------------------------ cards

  const STANDING_TEXT = { met: "✓ 达到目标", gap: "✗ 未达到目标", open: "○ 证据不足", none: "" };

  /** @param {SpcmModel} model @param {Score} score @param {string} dimension */
  function ladder(model, score, dimension) {
    const list = make("ol", null, { class: "academy-spcm-ladder", "aria-label": dimension + "：各级别" });
    const stop = pick(score.stopped, dimension);
    const stopAt = isRecord(stop) ? rank(model, stop.level) : model.levels.length;
    model.levels.forEach((level, index) => {
      const cell = cellOf(score, dimension, level);
      const status = index > stopAt ? "later" : cell ? cell.status : "insufficient";
      const words = { passed: "通过", failed: "未通过", insufficient: "证据不足", later: "未计入" }[status] || "";
      const item = make("li", null, { class: "academy-spcm-ladder__step academy-spcm-ladder__step--" + status });
      if (level === score.target) item.classList.add("academy-spcm-ladder__step--target");
      item.append(make("span", shortName(model, level), { class: "academy-spcm-ladder__name" }));
      item.append(make("span", "：" + words + (level === score.target ? "（目标）" : ""), { class: "academy-visually-hidden" }));
      list.append(item);
    });
    return list;
  }

  /** @param {SpcmOptionsWithScore} options @param {string} dimension @param {SpcmTally | undefined} tally */
  function evidence(options, dimension, tally) {
    const { model, profile } = options;
    const score = profile.score;
    const list = make("ul", null, { class: "academy-spcm-card__evidence" });
    list.append(make("li", tally ? `知识题：答对 ${tally.right} / ${tally.asked} 题` : "知识题：还没有做过"));
    const top = score.target ? rank(model, score.target) : model.levels.length - 1;
    const rated = model.levels.slice(0, top + 1).map((level) => ({ level, cell: cellOf(score, dimension, level) }))
      .filter(({ cell }) => cell && cell.self != null)
      .map(({ level, cell }) => `${shortName(model, level)}“${ratingWords(model, /** @type {number} */ (/** @type {CellScore} */ (cell).self))}”`);
    if (rated.length) list.append(make("li", "自评：" + rated.join("，")));
    const missing = model.levels.slice(0, top + 1).map((level) => ({ level, cell: cellOf(score, dimension, level) }))
      .filter(({ cell }) => !cell || cell.status === "insufficient")
      .map(({ level, cell }) => `${shortName(model, level)}还差 ${minItems(options) - (cell ? cell.items : 0)} 题`);
    if (missing.length) list.append(make("li", "证据不足：" + missing.join("，"), { class: "academy-spcm-card__missing" }));
    return list;
  }

  // Per level, one sentence: how the cell was decided (no empty rows: the
  // levels without any evidence are named together).
  /** @param {SpcmOptionsWithScore} options @param {string} dimension */
  function placement(options, dimension) {
    const { model, profile } = options;
    const score = profile.score;
    const threshold = profile.counted[0] ? profile.counted[0].bank.spec.model.threshold : 0.6;
    const list = make("ul", null, { class: "academy-spcm-card__placement" });
    /** @type {string[]} */
    const empty = [];
    model.levels.forEach((level) => {
      const cell = cellOf(score, dimension, level);
      if (!cell || (!cell.items && cell.self == null)) {
        empty.push(shortName(model, level));
        return;
      }
      const name = shortName(model, level) + "：";
      const self = cell.self == null ? "" : `，自评“${ratingWords(model, cell.self)}”`;
      if (cell.status === "insufficient") {
        const have = cell.items ? `只有 ${cell.items} 道知识题` : "没有知识题";
        list.append(make("li", `${name}${have}${self}，证据不足（至少要 ${minItems(options)} 道）`));
        return;
      }
      const knows = `${cell.items} 道知识题得分率 ${percent(/** @type {number} */ (cell.knowledge))}${self}`;
      const verdict = cell.passed ? "通过" : `未通过（要达到 ${percent(threshold)}）`;
      list.append(make("li", `${name}${knows} → 证据 ${percent(/** @type {number} */ (cell.evidence))}，${verdict}`));
    });
    if (empty.length) list.append(make("li", `${empty.join("、")}：还没有题目`));
    const calibration = pick(score.calibration, dimension);
    if (isRecord(calibration) && calibration.flag) {
      const words = { high: "自评偏高", low: "自评偏低", ok: "自评与知识题一致" }[/** @type {string} */ (calibration.flag)];
      list.append(make("li", `对照：自评平均 ${percent(calibration.self)}，知识题 ${percent(calibration.knowledge)} → ${words}`, {
        class: "academy-spcm-card__calibration",
      }));
    }
    return list;
  }

  /** @param {SpcmOptionsWithScore} options @param {string} dimension @param {Record<string, SpcmTally>} tally */
  function card(options, dimension, tally) {
    const { model, profile } = options;
    const score = profile.score;
    const state = standing(model, score, dimension);
    const article = make("article", null, { class: "academy-spcm-card academy-spcm-card--" + state, "data-dimension": dimension });
    const head = make("div", null, { class: "academy-spcm-card__head" });
    head.append(make("h4", dimension));
    if (STANDING_TEXT[state]) head.append(make("span", STANDING_TEXT[state], { class: "academy-spcm-card__standing" }));
    article.append(head);
    const reached = pick(score.reached, dimension);
    const level = make("p", null, { class: "academy-spcm-card__level" });
    level.append("已达到：", make("strong", reached == null ? "还没有级别" : levelName(model, reached)));
    if (score.target) level.append(make("span", "目标：" + levelName(model, score.target), { class: "academy-spcm-card__target" }));
    article.append(level, ladder(model, score, dimension), evidence(options, dimension, tally[dimension]));
    const links = reviewLinks(profile, tally[dimension], dimension, state === "met" ? 2 : 3);
    if (links.length) {
      const id = uniqueId("academy-spcm-review");
      const missed = links.some((link) => link.missed);
      article.append(make("p", missed ? "复习（答错的题在前）：" : "复习：", { class: "academy-spcm-card__review-title", id }));
      const review = make("ul", null, { class: "academy-spcm-card__review", "aria-labelledby": id });
      links.forEach((link) => {
        const item = make("li");
        item.append(make("a", link.title, { href: link.href }));
        review.append(item);
      });
      article.append(review);
    }
    const details = make("details", null, { class: "academy-spcm-card__details" });
    details.append(make("summary", "级别是怎样判定的"), placement(options, dimension));
    article.append(details);
    return article;
  }

  /** @param {SpcmOptionsWithScore} options */
  function cards(options) {
    const { model, profile } = options;
    const score = profile.score;
    const tally = tallies(profile);
    const section = make("section", null, { class: "academy-spcm__dimensions" });
    section.append(make("h3", "各维度"));
    const grid = make("div", null, { class: "academy-spcm__cards" });
    score.focus.forEach((dimension) => grid.append(card(options, dimension, tally)));
    section.append(grid);
    const others = model.dimensions.filter((dimension) => score.focus.indexOf(dimension) === -1);
    if (others.length) {
      const details = make("details", null, { class: "academy-spcm__others" });
      details.append(make("summary", `其他 ${others.length} 个维度（不在你的角色考核范围内）`));
      const more = make("div", null, { class: "academy-spcm__cards" });
      others.forEach((dimension) => more.append(card(options, dimension, tally)));
      details.append(more);
      section.append(details);
    }
    return section;
  }

  // ----------------------------------------------------------------- charts

  /** @param {SpcmOptionsWithScore} options */
  function chartsSection(options) {
    const { model, profile } = options;
    const score = profile.score;
    const level = score.target || model.levels[0];
    const section = make("section", null, { class: "academy-spcm__charts" });
    section.append(make("h3", "图表"));
    const described = model.dimensions.map((dimension) => {
      const reached = pick(score.reached, dimension);
      return dimension + "：" + (reached == null ? "还没有级别" : levelName(model, reached));
    }).join("；");
    const radar = make("figure", null, { class: "academy-spcm__figure" });
    radar.append(radarChart({
      title: "雷达图：各维度已达到的级别" + (score.target ? "（虚线为目标 " + levelName(model, score.target) + "）" : "") + "。" + described,
      description: "每条轴是一个维度，从中心向外依次为 " + model.levels.map((id) => levelName(model, id)).join("、") + "。",
      ticks: model.levels.map((id) => shortName(model, id)),
      axes: model.dimensions.map((dimension) => ({ label: dimension, unassessed: !pick(score.assessed, dimension) })),
      values: model.dimensions.map((dimension) => rank(model, pick(score.reached, dimension)) + 1),
      target: score.target ? rank(model, score.target) + 1 : null,
    }), make("figcaption", "已达到的级别（实线）" + (score.target ? "与目标（虚线）" : "")));
    const threshold = profile.counted[0] ? profile.counted[0].bank.spec.model.threshold : 0.6;
    const rows = model.dimensions.map((dimension) => {
      const cell = cellOf(score, dimension, level);
      const value = cell && cell.status !== "insufficient" ? cell.evidence : null;
      const text = value == null ? "证据不足" : percent(value) + (cell && cell.passed ? " 通过" : " 未通过");
      return { label: dimension, evidence: value, passed: cell ? cell.passed : null, text };
    });
    const bars = make("figure", null, { class: "academy-spcm__figure" });
    bars.append(barChart({
      title: `条形图：各维度在 ${levelName(model, level)} 的证据（通过线 ${percent(threshold)}）。` +
        rows.map((row) => row.label + "：" + row.text).join("；"),
      description: "证据由知识题得分率和自评合成，0–100%；虚线为通过线。",
      threshold,
      rows,
    }), make("figcaption", `在 ${levelName(model, level)} 的证据，虚线为通过线 ${percent(threshold)}`));
    const figures = make("div", null, { class: "academy-spcm__figures" });
    figures.append(radar, bars);
    section.append(figures);
    return section;
  }

  // ------------------------------------------------------------ explanation

  /** @param {SpcmOptionsWithScore} options */
  function meaning(options) {
    const { model, profile } = options;
    const spec = profile.counted[0] ? profile.counted[0].bank.spec.model : null;
    const details = make("details", null, { class: "academy-spcm__meaning" });
    details.append(make("summary", "这个级别是什么意思"));
    const min = minItems(options);
    const threshold = spec ? spec.threshold : 0.6;
    const weights = spec ? spec.weights : { knowledge: 0.8, self: 0.2 };
    const floor = spec && typeof spec.knowledge_floor === "number" ? spec.knowledge_floor : 0.5;
    const total = weights.knowledge + weights.self;
    [
      `每个“维度 × 级别”是一个格子。一个格子至少要有 ${min} 道知识题才判定；少于 ${min} 道时是“证据不足”：既不算通过也不算未通过，做包含这个格子的测验就能补上。`,
      `判定时把知识题得分率（占 ${percent(weights.knowledge / total)}）和自评（占 ${percent(weights.self / total)}）合成证据；证据达到 ${percent(threshold)}、并且知识题得分率不低于 ${percent(floor)} 时，这个格子通过。`,
      "自评是你对自己的看法：它只在知识题处在边缘时起作用，单凭自评达不到任何级别；自评和知识题差得多时，卡片里会提示“自评偏高”或“自评偏低”。",
      "一个维度从最低级别往上数，连续通过的最高级别就是它达到的级别；综合级别是你的角色考核的各维度中最低的那个。",
      "成绩来自你做过的全部测验：每个测验按它的保留方式计入一次作答。",
    ].forEach((text) => details.append(make("p", text)));
    details.append(itemsTable(model, profile.score));
    const counted = make("ul", null, { class: "academy-spcm__counted" });
    profile.counted.forEach(({ bank, number, attempt }) => {
      counted.append(make("li", `${bank.title}：第 ${number} 次作答（${localDay(new Date(attempt.submitted))}）`));
    });
    details.append(make("p", "计入的测验："), counted);
    return details;
  }

  // How many knowledge questions stand behind each cell: a small matrix that
  // scrolls in its own box when the screen is narrow.
  /** @param {SpcmModel} model @param {Score} score */
  function itemsTable(model, score) {
    const box = make("div", null, { class: "academy-spcm__scroll", role: "region", tabindex: "0", "aria-label": "每个格子的知识题数" });
    const table = make("table", null, { class: "academy-spcm__items" });
    table.append(make("caption", "每个格子背后的知识题数（— 为没有题目）"));
    const head = make("tr");
    head.append(make("th", "维度", { scope: "col" }));
    model.levels.forEach((level) => head.append(make("th", shortName(model, level), { scope: "col" })));
    const thead = make("thead");
    thead.append(head);
    const body = make("tbody");
    model.dimensions.forEach((dimension) => {
      const row = make("tr");
      row.append(make("th", dimension, { scope: "row" }));
      model.levels.forEach((level) => {
        const cell = cellOf(score, dimension, level);
        row.append(make("td", cell && cell.items ? String(cell.items) : "—"));
      });
      body.append(row);
    });
    table.append(thead, body);
    box.append(table);
    return box;
  }

  // ------------------------------------------------------------------ view

  /** @type {AcademySpcmView["renderProfile"]} */
  function renderProfile(options) {
    const view = make("div", null, { class: "academy-spcm", "data-academy-spcm": "" });
    const head = `SPCM 结果报告 · ${options.title}` + (options.name ? ` · ${options.name}` : "") + ` · ${localDay(new Date())}`;
    view.append(make("p", head, { class: "academy-spcm__print-head" }));
    view.append(summary(options));
    if (!options.profile) return view;
    const scored = /** @type {SpcmOptionsWithScore} */ (options);
    view.append(cards(scored), chartsSection(scored), meaning(scored));
    return view;
  }

  // 打印报告: the print stylesheet shows only the report while this is set.
  /** @type {AcademySpcmView["print"]} */
  function print() {
    document.documentElement.setAttribute("data-academy-printing", "");
    window.addEventListener("afterprint", () => document.documentElement.removeAttribute("data-academy-printing"), { once: true });
    window.print();
  }

  window.Academy = Object.assign(window.Academy || {}, { spcmView: Object.freeze({ renderProfile, summarySentence, percent, print }) });
})();
