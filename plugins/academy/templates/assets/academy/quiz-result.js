// @ts-check
// A quiz attempt's result in words, tables and charts: the SPCM level per
// dimension, how the ladder placed it, self-rating against knowledge, the gaps
// to the role's target with pages to review, and the plan stored with the
// attempt for the dashboard. quiz.js decides what to show; this file shows it.
// Author and stored text is only ever set with textContent.

/**
 * What the result shows besides the attempt and its score: whether it was
 * restored from storage, the last stored attempt, the kept attempt (retake
 * rule) and the advice to wait before a retake ("" for none).
 * @typedef {{ attempt: Attempt, score: Score, restored: boolean, last: Attempt | undefined,
 *   kept: Kept<Attempt> | null, wait: string }} ResultView
 */
(function () {
  "use strict";

  const { core, retake, charts } = window.Academy || {};
  if (!core || !retake || !charts) return;
  const { make, isRecord, own, pick, localTime, uniqueId } = core;
  const { KEEP_NAMES } = retake;
  const { radar, bars } = charts;
  const NO_ROLE = "尚未选择角色：请到首页选择“我是…”，以便与目标级别比较";

  // ------------------------------------------------------------------ words

  /** @param {number} value */
  const number = (value) => String(Math.round(value * 100) / 100);
  /** @param {number} share */
  const percent = (share) => Math.round(share * 1000) / 10 + "%";

  /** @param {Quiz} quiz @param {unknown} level */
  const levelName = (quiz, level) =>
    own(quiz.levelNames, /** @type {string} */ (level)) ? quiz.levelNames[/** @type {string} */ (level)] : String(level);

  // "SOC-管理一级" → "管理一级", as the gap cells show it.
  /** @param {Quiz} quiz @param {unknown} level */
  const shortLevel = (quiz, level) => levelName(quiz, level).replace(/^SOC-/, "");

  /** @param {Quiz} quiz @param {string | null | undefined} level */
  const levelIndex = (quiz, level) => (level == null ? -1 : quiz.levels.indexOf(level));

  /** @param {Quiz} quiz @param {unknown} role @returns {Record<string, any> | null} */
  function roleOf(quiz, role) {
    const found = typeof role === "string" ? pick(quiz.roles, role) : undefined;
    return isRecord(found) ? found : null;
  }

  /** @param {Quiz} quiz @param {unknown} role */
  function targetOf(quiz, role) {
    const found = roleOf(quiz, role);
    return found && typeof found.target === "string" ? found.target : null;
  }

  /** @param {Score} score */
  function knowledgeText(score) {
    const k = score.knowledge;
    if (!k.possible) return "本测验没有知识题";
    return `知识题得分 ${number(k.earned)}/${number(k.possible)}（${percent(/** @type {number} */ (k.share))}）`;
  }

  /** @param {Quiz} quiz @param {Score} score */
  function overallText(quiz, score) {
    if (score.overall != null) return "综合级别：" + levelName(quiz, score.overall);
    const missing = quiz.dimensions.filter((dimension) => !pick(score.assessed, dimension)).length;
    if (missing) return `综合级别：无法确定（${missing} 个维度未评估）`;
    return "综合级别：未达到 " + levelName(quiz, quiz.levels[0]);
  }

  /** @param {Score} score @param {string} dimension @param {string} level @returns {CellScore | undefined} */
  const cellOf = (score, dimension, level) => pick(pick(score.cells, dimension), level);

  // ------------------------------------------------------------------ links

  // Only links the server rendered into this site, never javascript: or data:.
  /** @param {unknown} href */
  function safeHref(href) {
    if (typeof href !== "string") return null;
    try {
      const url = new URL(href, document.baseURI);
      return /^(https?|file):$/.test(url.protocol) ? href : null;
    } catch (error) {
      return null;
    }
  }

  // The site's root folder: the quiz's data-site-root (rendered by the
  // plugin), else Material's logo link, which points at the home page.
  function siteRoot() {
    const quiz = document.querySelector("[data-academy='quiz'][data-site-root]");
    const logo = document.querySelector("a.md-logo[href]");
    const href = quiz ? quiz.getAttribute("data-site-root") : logo ? logo.getAttribute("href") : null;
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
  /** @param {string} href */
  function rootRelative(href) {
    let url;
    try {
      url = new URL(href, location.href).href;
    } catch (error) {
      return null;
    }
    const root = siteRoot();
    return root && url.indexOf(root) === 0 ? url.slice(root.length) : url;
  }

  // Pages to review for a dimension (data-review), five at most.
  /** @param {Quiz} quiz @param {string} dimension @returns {{ href: string, title?: unknown }[]} */
  function reviewLinks(quiz, dimension) {
    const links = pick(quiz.review, dimension);
    return (Array.isArray(links) ? links : []).filter((link) => isRecord(link) && safeHref(link.href)).slice(0, 5);
  }

  // The gaps with their review links, stored with the attempt for the
  // dashboard's 我的提升计划. Links are site-root-relative (see rootRelative).
  /** @param {Quiz} quiz @param {Score} score @returns {PlanGap[]} */
  function planOf(quiz, score) {
    return score.gaps.map((gap) => ({
      dimension: gap.dimension,
      reached: gap.reached,
      reachedName: gap.reached == null ? null : levelName(quiz, gap.reached),
      target: gap.target,
      targetName: levelName(quiz, gap.target),
      cells: gap.cells.map((cell) => ({ level: cell.level, name: levelName(quiz, cell.level), status: cell.status, shortfall: cell.shortfall })),
      links: reviewLinks(quiz, gap.dimension)
        .map((link) => ({ href: rootRelative(link.href), title: String(link.title || link.href) }))
        .filter((link) => link.href !== null),
    }));
  }

  // ---------------------------------------------------------------- tables

  /** @param {HTMLTableElement} table @param {string[]} titles */
  function tableHead(table, titles) {
    const row = make("tr");
    titles.forEach((title) => row.append(make("th", title, { scope: "col" })));
    const head = make("thead");
    head.append(row);
    table.append(head);
  }

  // A wide table scrolls sideways in its box; keyboard users reach it with Tab.
  /** @param {Record<string, string>} label */
  const scrollRegion = (label) =>
    make("div", null, Object.assign({ class: "academy-result__scroll", role: "region", tabindex: "0" }, label));

  // A titled section holding a scrolling table; the caller fills the table.
  /** @param {"placement" | "calibration"} kind @param {string} title @param {HTMLTableElement} table */
  function tableSection(kind, title, table) {
    const section = make("section", null, { class: "academy-result__" + kind });
    const headingId = uniqueId("academy-" + kind);
    section.append(make("h3", title, { id: headingId }));
    table.setAttribute("aria-labelledby", headingId);
    const scroll = scrollRegion({ "aria-labelledby": headingId });
    scroll.append(table);
    return { section, scroll };
  }

  // ------------------------------------------------------ levels per dimension

  /** @param {Quiz} quiz @param {Score} score @param {string} dimension */
  function reachedText(quiz, score, dimension) {
    if (!pick(score.assessed, dimension)) return "未评估";
    const reached = pick(score.reached, dimension);
    if (reached != null) return levelName(quiz, reached);
    const first = cellOf(score, dimension, quiz.levels[0]);
    return "未达到 " + levelName(quiz, quiz.levels[0]) + (first && first.evidence == null ? "（该级别未评估）" : "");
  }

  // One line per level: "运营岗位 80%"
  /** @param {Quiz} quiz @param {Score} score @param {string} dimension @param {"knowledge" | "self"} field */
  function sharesCell(quiz, score, dimension, field) {
    const cell = make("td", null, { class: "academy-result__shares" });
    const parts = quiz.levels
      .map((level) => ({ level, value: (cellOf(score, dimension, level) || {})[field] }))
      .filter(({ value }) => value != null)
      .map(({ level, value }) => shortLevel(quiz, level) + " " + percent(/** @type {number} */ (value)));
    if (!parts.length) cell.textContent = "—";
    parts.forEach((part) => cell.append(make("span", part, { class: "academy-result__share" })));
    return cell;
  }

  /** @param {Quiz} quiz @param {Score} score @param {string} dimension @param {string | null} target */
  function statusOf(quiz, score, dimension, target) {
    if (!pick(score.assessed, dimension)) return { kind: "unassessed", text: "未评估", icon: "○" };
    if (!target) return { kind: "none", text: "—", icon: "" };
    const reached = pick(score.reached, dimension);
    if (reached != null && quiz.levels.indexOf(reached) >= quiz.levels.indexOf(target)) {
      return { kind: "met", text: "达到", icon: "✓" };
    }
    return { kind: "gap", text: "差距", icon: "✗" };
  }

  /** @param {Quiz} quiz @param {Score} score @param {string} dimension @param {string | null} target */
  function dimensionRow(quiz, score, dimension, target) {
    const status = statusOf(quiz, score, dimension, target);
    const row = make("tr", null, { class: "academy-result__row academy-result__row--" + status.kind });
    row.append(make("th", dimension, { scope: "row" }));
    row.append(make("td", reachedText(quiz, score, dimension)));
    row.append(make("td", target ? levelName(quiz, target) : "—"));
    row.append(sharesCell(quiz, score, dimension, "knowledge"));
    row.append(sharesCell(quiz, score, dimension, "self"));
    const cell = make("td", null, { class: "academy-result__status academy-result__status--" + status.kind });
    if (status.icon) cell.append(make("span", status.icon + " ", { "aria-hidden": "true" }));
    cell.append(status.text);
    row.append(cell);
    return row;
  }

  // The dimensions by group (data-groups); those of no group come last, under 其他.
  /** @param {Quiz} quiz @param {Score} score @param {string | null} target */
  function resultTable(quiz, score, target) {
    const table = make("table", null, { class: "academy-result__table" });
    table.append(make("caption", "各维度的 SPCM 级别"));
    tableHead(table, ["维度", "已达到级别", "目标级别", "知识", "自评", "状态"]);
    const groups = quiz.groups.length ? quiz.groups : [{ name: "", dimensions: quiz.dimensions }];
    const shown = new Set();
    /** @param {string} name @param {unknown[]} dimensions */
    const addGroup = (name, dimensions) => {
      const body = make("tbody");
      if (name) {
        const groupRow = make("tr", null, { class: "academy-result__group" });
        groupRow.append(make("th", name, { colspan: "6", scope: "rowgroup" }));
        body.append(groupRow);
      }
      dimensions.forEach((dimension) => {
        if (typeof dimension !== "string" || quiz.dimensions.indexOf(dimension) === -1 || shown.has(dimension)) return;
        shown.add(dimension);
        body.append(dimensionRow(quiz, score, dimension, target));
      });
      if (body.querySelector(".academy-result__row")) table.append(body);
    };
    groups.forEach((group) => addGroup(String(group.name || ""), Array.isArray(group.dimensions) ? group.dimensions : []));
    const rest = quiz.dimensions.filter((dimension) => !shown.has(dimension));
    if (rest.length) addGroup("其他", rest);
    return table;
  }

  // ------------------------------------------------------------- placement

  // "「岗位认知」差 12%" or "「情商」未评估": why the ladder of `dimension` stops at `level`.
  /** @param {Quiz} quiz @param {Score} score @param {string} dimension @param {string} level */
  function blockedCell(quiz, score, dimension, level) {
    const cell = cellOf(score, dimension, level);
    if (!cell || cell.evidence == null) return { status: "unassessed", text: "「" + dimension + "」未评估" };
    const short = Math.max(0, quiz.threshold - cell.evidence);
    return { status: "failed", text: "「" + dimension + "」差 " + percent(short) };
  }

  // One sentence on the overall level: e.g. "为什么是运营岗位而不是管理一级：
  // 管理一级的「岗位认知」差 12%，「情商」未评估". The overall level is the
  // lowest reached, so the dimensions that stop right there are the reason.
  /** @param {Quiz} quiz @param {Score} score */
  function whySentence(quiz, score) {
    const levels = quiz.levels;
    if (!levels.length) return "";
    const at = levelIndex(quiz, score.overall);
    if (at === levels.length - 1) {
      return "为什么是" + shortLevel(quiz, score.overall) + "：所有维度在每个级别都已通过。";
    }
    const next = levels[at + 1];
    /** @type {string[]} */
    const failed = [];
    /** @type {string[]} */
    const unassessed = [];
    quiz.dimensions.forEach((dimension) => {
      if (levelIndex(quiz, pick(score.reached, dimension)) !== at) return;
      const cell = blockedCell(quiz, score, dimension, next);
      if (cell.status === "failed") failed.push(cell.text);
      else unassessed.push("「" + dimension + "」");
    });
    const reasons = failed.slice();
    if (unassessed.length) reasons.push(unassessed.join("") + "未评估");
    const head = at < 0
      ? "为什么还没有综合级别（每个维度都要达到" + shortLevel(quiz, next) + "）"
      : "为什么是" + shortLevel(quiz, score.overall) + "而不是" + shortLevel(quiz, next);
    return head + "：" + shortLevel(quiz, next) + "的" + reasons.join("，") + "。";
  }

  // Per dimension: the level reached and why it is not the next one.
  /** @param {Quiz} quiz @param {Score} score @param {string} dimension */
  function dimensionVerdict(quiz, score, dimension) {
    if (!pick(score.assessed, dimension)) return "未评估";
    const at = levelIndex(quiz, pick(score.reached, dimension));
    if (at === quiz.levels.length - 1) return "达到最高级别 " + shortLevel(quiz, quiz.levels[at]);
    const next = quiz.levels[at + 1];
    const reason = blockedCell(quiz, score, dimension, next).text.replace("「" + dimension + "」", "");
    if (at < 0) return "未达到" + shortLevel(quiz, next) + "：" + shortLevel(quiz, next) + reason;
    return "达到" + shortLevel(quiz, quiz.levels[at]) + "；" + shortLevel(quiz, next) + reason;
  }

  /** @param {Quiz} quiz @param {CellScore | undefined} cell */
  function cellVerdict(quiz, cell) {
    if (!cell || cell.evidence == null) return { kind: "unassessed", text: "○ 未评估" };
    if (cell.passed) return { kind: "passed", text: "✓ 通过 " + percent(cell.evidence) };
    const short = percent(Math.max(0, quiz.threshold - cell.evidence));
    return { kind: "failed", text: "✗ 差 " + short + "（" + percent(cell.evidence) + "）" };
  }

  // The ladder cell by cell: passed, short by how much, not assessed, or beyond
  // the level where the ladder stopped (and so not counted).
  /** @param {Quiz} quiz @param {Score} score @param {string} dimension @param {string} level */
  function placementCell(quiz, score, dimension, level) {
    const { kind, text } = cellVerdict(quiz, cellOf(score, dimension, level));
    const at = levelIndex(quiz, pick(score.reached, dimension));
    const beyond = quiz.levels.indexOf(level) > at + 1 && kind !== "unassessed";
    const td = make("td", null, {
      class: "academy-placement__cell academy-placement__cell--" + kind + (beyond ? " academy-placement__cell--beyond" : ""),
      "data-level": level,
    });
    td.append(make("span", text.slice(0, 1), { "aria-hidden": "true" }), text.slice(1) + (beyond ? " · 不计入" : ""));
    return td;
  }

  /** @param {Quiz} quiz @param {Score} score */
  function placementSection(quiz, score) {
    const table = make("table", null, { class: "academy-result__grid academy-placement" });
    const { section, scroll } = tableSection("placement", "级别是怎样判定的", table);
    section.append(make("p",
      "每一格是该维度在该级别的证据（知识题与自评的加权结果），达到 " + percent(quiz.threshold) +
      " 即通过；从 " + shortLevel(quiz, quiz.levels[0]) + " 起逐级判定，遇到第一个未通过或未评估的级别就停止，之后的格子“不计入”。",
      { class: "academy-placement__rule" }));
    table.append(make("caption", "各维度 × 各级别的判定"));
    tableHead(table, ["维度", ...quiz.levels.map((level) => shortLevel(quiz, level)), "结论"]);
    const body = make("tbody");
    quiz.dimensions.forEach((dimension) => {
      const row = make("tr", null, { "data-dimension": dimension });
      row.append(make("th", dimension, { scope: "row" }));
      quiz.levels.forEach((level) => row.append(placementCell(quiz, score, dimension, level)));
      row.append(make("td", dimensionVerdict(quiz, score, dimension), { class: "academy-placement__verdict" }));
      body.append(row);
    });
    table.append(body);
    section.append(scroll);
    return section;
  }

  // ----------------------------------------------------------- calibration

  /** @param {Quiz} quiz @param {Score} score @param {string} dimension @param {"knowledge" | "self"} field */
  function hasSource(quiz, score, dimension, field) {
    return quiz.levels.some((level) => {
      const cell = cellOf(score, dimension, level);
      return Boolean(cell) && /** @type {CellScore} */ (cell)[field] != null;
    });
  }

  /** @param {Quiz} quiz @param {Score} score @param {string} dimension */
  function missingCalibration(quiz, score, dimension) {
    const self = hasSource(quiz, score, dimension, "self");
    const knows = hasSource(quiz, score, dimension, "knowledge");
    if (self && knows) return "自评和知识题不在同一级别，无法对照";
    if (self) return "只有自评，没有知识题，无法对照";
    if (knows) return "只有知识题，没有自评，无法对照";
    return "未评估";
  }

  // The plain-Chinese verdict of scoring's calibration for one dimension, e.g.
  // "自评达到管理一级，知识测验仅 45% → 自评偏高". The shares are the means over
  // the levels that have both kinds of evidence.
  /** @param {Quiz} quiz @param {Score} score @param {string} dimension */
  function calibrationSentence(quiz, score, dimension) {
    const value = pick(score.calibration, dimension);
    if (!isRecord(value) || value.flag == null) return missingCalibration(quiz, score, dimension);
    const selfLevel = levelIndex(quiz, value.self_level);
    const knowLevel = levelIndex(quiz, value.knowledge_level);
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

  /**
   * @param {Quiz} quiz @param {Score} score @param {string} dimension
   * @param {"knowledge" | "self"} field @param {"knowledge_level" | "self_level"} levelField
   */
  function sourceCell(quiz, score, dimension, field, levelField) {
    const td = make("td", null, { class: "academy-result__source" });
    if (!hasSource(quiz, score, dimension, field)) {
      td.textContent = "—";
      return td;
    }
    const value = pick(score.calibration, dimension) || {};
    if (value[field] != null) td.append(make("span", "平均 " + percent(value[field]), { class: "academy-result__share" }));
    const level = value[levelField];
    td.append(make("span", level == null ? "未达到 " + levelName(quiz, quiz.levels[0]) : "可达 " + levelName(quiz, level), {
      class: "academy-result__share",
    }));
    return td;
  }

  /** @type {Record<string, string>} */
  const FLAG_ICONS = { high: "▲", low: "▼", ok: "✓" };

  /** @param {Quiz} quiz @param {Score} score @param {string} dimension */
  function calibrationRow(quiz, score, dimension) {
    const value = pick(score.calibration, dimension);
    const flag = isRecord(value) && own(FLAG_ICONS, value.flag) ? value.flag : "none";
    const row = make("tr", null, { class: "academy-calibration__row academy-calibration__row--" + flag, "data-dimension": dimension });
    row.append(make("th", dimension, { scope: "row" }));
    row.append(sourceCell(quiz, score, dimension, "self", "self_level"));
    row.append(sourceCell(quiz, score, dimension, "knowledge", "knowledge_level"));
    const verdict = make("td", null, { class: "academy-calibration__verdict academy-calibration__verdict--" + flag });
    if (own(FLAG_ICONS, flag)) verdict.append(make("span", FLAG_ICONS[flag] + " ", { "aria-hidden": "true" }));
    verdict.append(calibrationSentence(quiz, score, dimension));
    row.append(verdict);
    return row;
  }

  // Self-rating and knowledge side by side, per assessed dimension (scoring's calibration).
  /** @param {Quiz} quiz @param {Score} score */
  function calibrationTable(quiz, score) {
    const dimensions = quiz.dimensions.filter((dimension) => pick(score.assessed, dimension));
    if (!dimensions.some((dimension) => hasSource(quiz, score, dimension, "self"))) return null;
    const margin = typeof quiz.spec.model.calibration_margin === "number" ? quiz.spec.model.calibration_margin : 0.2;
    const table = make("table", null, { class: "academy-result__grid academy-calibration" });
    const { section, scroll } = tableSection("calibration", "自评与知识测验对照", table);
    table.append(make("caption", "“可达”是只凭这一种证据能达到的级别；在两者都有的级别上比较平均值，相差 " + percent(margin) + " 及以上时标出"));
    tableHead(table, ["维度", "自评", "知识测验", "对照"]);
    const body = make("tbody");
    dimensions.forEach((dimension) => body.append(calibrationRow(quiz, score, dimension)));
    table.append(body);
    section.append(scroll);
    return section;
  }

  // ---------------------------------------------------------------- charts

  /** @param {Quiz} quiz @param {Score} score */
  function radarFigure(quiz, score) {
    const { levels, dimensions } = quiz;
    const target = score.target;
    const described = dimensions.map((dimension) => {
      const reached = pick(score.reached, dimension);
      const shown = reached == null ? "未达到" + levelName(quiz, levels[0]) : levelName(quiz, reached);
      return dimension + "：" + (pick(score.assessed, dimension) ? shown : "未评估");
    }).join("；");
    const figure = make("figure", null, { class: "academy-result__figure" });
    figure.append(radar({
      title: "雷达图：各维度已达到的级别" + (target ? "（虚线为目标级别 " + levelName(quiz, target) + "）" : "") + "。" + described,
      description: "每条轴是一个维度，从中心向外依次为 " + levels.map((level) => levelName(quiz, level)).join("、") + "。",
      ticks: levels.map((level) => shortLevel(quiz, level)),
      axes: dimensions.map((dimension) => {
        const unassessed = !pick(score.assessed, dimension);
        return { label: dimension + (unassessed ? "（未评估）" : ""), unassessed };
      }),
      values: dimensions.map((dimension) => {
        const reached = pick(score.reached, dimension);
        return reached == null ? 0 : levels.indexOf(reached) + 1;
      }),
      target: target ? levels.indexOf(target) + 1 : null,
    }));
    figure.append(make("figcaption", "已达到的级别（实线）" + (target ? "与目标级别（虚线）" : "")));
    return figure;
  }

  /** @param {Quiz} quiz @param {Score} score @param {string} level */
  function barsFigure(quiz, score, level) {
    const threshold = typeof quiz.threshold === "number" ? quiz.threshold : 0;
    const rows = quiz.dimensions.map((dimension) => {
      const cell = cellOf(score, dimension, level);
      const evidence = cell ? cell.evidence : null;
      const passed = cell ? cell.passed : null;
      const text = evidence == null ? "未评估" : percent(evidence) + (passed ? " ✓ 通过" : " ✗ 未通过");
      return { label: dimension, evidence, passed, text };
    });
    const summary = rows.map((row) =>
      row.label + "：" + (row.evidence == null ? "未评估" : percent(row.evidence) + (row.passed ? "，通过" : "，未通过")));
    const figure = make("figure", null, { class: "academy-result__figure" });
    figure.append(bars({
      title: "条形图：各维度在 " + levelName(quiz, level) + " 的证据（阈值 " + percent(threshold) + "）。" + summary.join("；"),
      description: "证据为知识题得分率与自评的加权结果，0–100%；虚线为通过阈值。",
      threshold,
      rows,
    }));
    figure.append(make("figcaption", "在 " + levelName(quiz, level) + (score.target ? "（目标级别）" : "") + " 的证据，虚线为通过阈值"));
    return figure;
  }

  // ------------------------------------------------------------------ gaps

  /** @param {Quiz} quiz @param {Gap} gap */
  function gapItem(quiz, gap) {
    const item = make("li", null, { class: "academy-result__gap" });
    item.append(make("strong", gap.dimension));
    item.append((gap.reached == null ? "：尚未达到任何级别" : "：已达到 " + levelName(quiz, gap.reached)) + "，目标 " + levelName(quiz, gap.target));
    const cells = make("ul", null, { class: "academy-result__cells" });
    gap.cells.forEach((cell) => {
      cells.append(make("li", shortLevel(quiz, cell.level) + "：" + (cell.status === "unassessed" ? "未评估" : "差 " + percent(/** @type {number} */ (cell.shortfall)))));
    });
    item.append(cells);
    const links = reviewLinks(quiz, gap.dimension);
    if (!links.length) {
      item.append(make("p", "暂无对应的复习页面，请向培训师咨询。", { class: "academy-result__none" }));
      return item;
    }
    const review = make("ul", null, { class: "academy-result__review", "aria-label": gap.dimension + "：复习建议" });
    links.forEach((link) => {
      const li = make("li");
      li.append(make("a", "复习：" + String(link.title || link.href), { href: link.href }));
      review.append(li);
    });
    item.append(review);
    return item;
  }

  /** @param {Quiz} quiz @param {Score} score */
  function gapList(quiz, score) {
    const section = make("section", null, { class: "academy-result__gaps" });
    section.append(make("h3", "差距与复习建议"));
    if (!score.target) {
      section.append(make("p", "选择角色后，这里会列出与目标级别的差距。"));
      return section;
    }
    if (!score.gaps.length) {
      section.append(make("p", "各维度均已达到目标级别 " + levelName(quiz, score.target) + "，没有差距。"));
      return section;
    }
    const list = make("ul", null, { class: "academy-result__gap-list" });
    score.gaps.forEach((gap) => list.append(gapItem(quiz, gap)));
    section.append(list);
    return section;
  }

  // ---------------------------------------------------------------- result

  // "保留的成绩（最好成绩）：第 2 次作答，知识题 85%（即本次）"
  /** @param {Quiz} quiz @param {ResultView} view */
  function keptText(quiz, { attempt, kept }) {
    if (!kept) return "";
    const head = "保留的成绩（" + KEEP_NAMES[quiz.keep] + "）：";
    if (quiz.keep === "average") {
      return head + (kept.average == null
        ? "没有知识题，级别取最后一次作答"
        : kept.count + " 次作答的知识题平均 " + percent(kept.average) + "，级别取最后一次作答");
    }
    const same = kept.attempt === attempt || kept.attempt.submitted === attempt.submitted;
    return head + "第 " + (kept.index + 1) + " 次作答" + (kept.share == null ? "" : "，知识题 " + percent(kept.share)) +
      (same ? "（即本次）" : "");
  }

  /** @param {Quiz} quiz @param {ResultView} view */
  function restoredText(quiz, { attempt, last }) {
    if (!last || last === attempt) return "上次提交于 " + localTime(attempt.submitted);
    return "显示保留的成绩（" + KEEP_NAMES[quiz.keep] + "，提交于 " + localTime(attempt.submitted) + "）；上次提交于 " + localTime(last.submitted);
  }

  /** @param {HTMLElement} box @param {string} kind @param {string} title */
  function startBox(box, kind, title) {
    box.textContent = "";
    const headingId = uniqueId("academy-" + kind);
    box.setAttribute("aria-labelledby", headingId);
    box.append(make("h2", title, { id: headingId }));
  }

  // The buttons (label, data attribute), an optional note, the status line for
  // what the buttons did, and the box is shown.
  /** @param {HTMLElement} box @param {[string, string][]} buttons @param {string} [note] */
  function finishBox(box, buttons, note) {
    const tools = make("p", null, { class: "academy-result__tools" });
    buttons.forEach(([label, data]) => tools.append(make("button", label, { type: "button", class: "md-button", [data]: "" })));
    box.append(tools);
    if (note) box.append(make("p", note, { class: "academy-result__wait" }));
    box.append(make("p", null, { class: "academy-result__status", role: "status", "data-academy-result-status": "" }));
    box.hidden = false;
  }

  /** @param {Quiz} quiz @param {ResultView} view */
  function facts(quiz, view) {
    const { attempt, score } = view;
    const list = make("ul", null, { class: "academy-result__facts" });
    if (attempt.name) list.append(make("li", "姓名：" + attempt.name));
    list.append(make("li", knowledgeText(score)));
    const role = roleOf(quiz, attempt.role);
    if (role && score.target) {
      list.append(make("li", "角色：" + String(role.name || attempt.role) + "（目标级别 " + levelName(quiz, score.target) + "）"));
    }
    list.append(make("li", overallText(quiz, score), { class: "academy-result__overall" }));
    const kept = keptText(quiz, view);
    if (kept) list.append(make("li", kept, { class: "academy-result__kept" }));
    return list;
  }

  /** @param {HTMLElement} box @param {Quiz} quiz @param {ResultView} view */
  function renderResult(box, quiz, view) {
    const { score } = view;
    startBox(box, "result", "测验结果" + (quiz.title ? "：" + quiz.title : ""));
    if (view.restored) box.append(make("p", restoredText(quiz, view), { class: "academy-result__restored" }));
    box.append(facts(quiz, view));
    box.append(make("p", whySentence(quiz, score), { class: "academy-result__why" }));
    if (!score.target) box.append(make("p", NO_ROLE, { class: "academy-result__no-role" }));
    const scroll = scrollRegion({ "aria-label": "各维度得分" });
    scroll.append(resultTable(quiz, score, score.target));
    box.append(scroll);
    box.append(placementSection(quiz, score));
    const calibration = calibrationTable(quiz, score);
    if (calibration) box.append(calibration);
    const figures = make("div", null, { class: "academy-result__charts" });
    figures.append(radarFigure(quiz, score), barsFigure(quiz, score, score.target || quiz.levels[0]));
    box.append(figures);
    box.append(gapList(quiz, score));
    const tools = [["重新作答", "data-academy-retake"], ["导出结果（JSON）", "data-academy-export"], ["打印报告", "data-academy-print"]];
    finishBox(box, /** @type {[string, string][]} */ (tools), view.wait);
  }

  window.Academy = Object.assign(window.Academy || {}, { quizResult: Object.freeze({
    NO_ROLE, number, percent, roleOf, targetOf, knowledgeText, overallText, rootRelative, planOf,
    tableHead, startBox, finishBox, renderResult,
  }) });
})();
