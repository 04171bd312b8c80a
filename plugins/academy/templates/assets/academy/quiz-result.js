// @ts-check
// A quiz attempt's result: the trainee's SPCM profile with this bank counted
// (spcm-view.js, the same component as 我的学习), one line on what this attempt
// added, the retake rule's kept attempt, and the buttons. It also describes the
// bank for the profile: its spec, the refs of its questions and its review
// links, which quiz.js stores with the attempts so that 我的学习 can score it.
// quiz.js decides what to show; this file shows it.
// Author and stored text is only ever set with textContent.

/**
 * What the result shows besides the attempt and its score: whether it was
 * restored from storage, the last stored attempt, the kept attempt (retake
 * rule), the advice to wait before a retake ("" for none), and the stored
 * results of the site (the other banks of the profile).
 * @typedef {{ attempt: Attempt, score: Score, restored: boolean, last: Attempt | undefined,
 *   kept: Kept<Attempt> | null, wait: string, attempts: Attempt[], results: unknown, role: string | null }} ResultView
 */
/**
 * What a quiz page stores about its bank next to the attempts, for 我的学习's
 * profile; links relative to the site root.
 * @typedef {{ spec: Spec, refs: Record<string, { href: string, title: string }[]>,
 *   review: Record<string, { href: string, title: string }[]> }} BankMeta
 */
(function () {
  "use strict";

  const { core, retake, spcmProfile, spcmView } = window.Academy || {};
  if (!core || !retake || !spcmProfile || !spcmView) return;
  const { make, isRecord, isText, pick, localTime, uniqueId } = core;
  const { KEEP_NAMES } = retake;
  const { safeUrl, roleOf: modelRole, storedBanks, profileOf, keptOf } = spcmProfile;
  const { renderProfile, summarySentence, percent } = spcmView;
  const NO_ROLE = "尚未选择角色：请到首页选择“我是…”，以便与目标级别比较";

  // ------------------------------------------------------------------ words

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

  // The dimensions the role is assessed on; null for all (as `academy score` reads a role).
  /** @param {Quiz} quiz @param {unknown} role @returns {string[] | null} */
  function focusOf(quiz, role) {
    const found = roleOf(quiz, role);
    const dimensions = found && Array.isArray(found.dimensions) ? found.dimensions.filter(isText) : [];
    return dimensions.length ? dimensions : null;
  }

  // Knowledge questions of one attempt: asked and answered fully right.
  /** @param {Score} score */
  function rightCount(score) {
    const results = Object.keys(score.questions).map((id) => score.questions[id]);
    let asked = 0;
    let right = 0;
    results.forEach((result) => {
      if (!("earned" in result)) return;
      asked += 1;
      if (result.earned >= result.possible - 1e-9) right += 1;
    });
    return { asked, right };
  }

  // "知识题答对 7 / 10 题（得分率 75%）": counts people read, never fractional points.
  /** @param {Score} score */
  function knowledgeText(score) {
    const { asked, right } = rightCount(score);
    if (!asked) return "本测验没有知识题";
    const share = score.knowledge.share == null ? "" : "（得分率 " + percent(score.knowledge.share) + "）";
    return `知识题答对 ${right} / ${asked} 题${share}`;
  }

  // ------------------------------------------------------------------ links

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

  // A link made relative to the site root, so that 我的学习 (another page,
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

  // This page's bank: the refs of each question (rendered under its
  // explanation) and the review links per dimension (data-review), absolute.
  /** @param {Quiz} quiz @param {HTMLElement} root */
  function pageLinks(quiz, root) {
    /** @type {Record<string, SpcmLink[]>} */
    const refs = {};
    root.querySelectorAll("fieldset[data-question]").forEach((fieldset) => {
      const id = fieldset.getAttribute("data-question") || "";
      /** @type {SpcmLink[]} */
      const links = [];
      fieldset.querySelectorAll(".academy-q__refs a[href]").forEach((link) => {
        const href = safeUrl(link.getAttribute("href"), location.href);
        if (href) links.push({ href, title: (link.textContent || "").replace(/^复习：/, "") || href });
      });
      if (links.length) Object.defineProperty(refs, id, { value: links, enumerable: true, configurable: true, writable: true });
    });
    /** @type {Record<string, SpcmLink[]>} */
    const review = {};
    Object.keys(quiz.review).forEach((dimension) => {
      const links = pick(quiz.review, dimension);
      /** @type {SpcmLink[]} */
      const safe = [];
      (Array.isArray(links) ? links : []).filter(isRecord).forEach((link) => {
        const href = safeUrl(link.href, location.href);
        if (href) safe.push({ href, title: isText(link.title) ? link.title : href });
      });
      Object.defineProperty(review, dimension, { value: safe, enumerable: true, configurable: true, writable: true });
    });
    return { refs, review };
  }

  /** @param {Record<string, SpcmLink[]>} map */
  function relativeMap(map) {
    /** @type {Record<string, { href: string, title: string }[]>} */
    const out = {};
    Object.keys(map).forEach((key) => {
      const links = map[key].map((link) => ({ href: rootRelative(link.href), title: link.title }))
        .filter((link) => link.href !== null);
      Object.defineProperty(out, key, { value: links, enumerable: true, configurable: true, writable: true });
    });
    return /** @type {Record<string, { href: string, title: string }[]>} */ (out);
  }

  // What quiz.js stores with the attempts of a practice bank (see BankMeta).
  /** @param {Quiz} quiz @param {HTMLElement} root @returns {BankMeta} */
  function bankMeta(quiz, root) {
    const { refs, review } = pageLinks(quiz, root);
    return { spec: quiz.spec, refs: relativeMap(refs), review: relativeMap(review) };
  }

  // ---------------------------------------------------------------- profile

  /** @param {Quiz} quiz @param {HTMLElement} root @param {Attempt[]} attempts @returns {SpcmBank} */
  function pageBank(quiz, root, attempts) {
    const { refs, review } = pageLinks(quiz, root);
    return {
      id: quiz.id, version: /** @type {number | string} */ (quiz.version), key: quiz.id + "@" + quiz.version,
      title: quiz.title || quiz.id, page: location.href.split("#")[0], keep: quiz.keep, spec: quiz.spec,
      refs, review, attempts,
    };
  }

  // The profile with this bank counted, and what this attempt adds to it.
  /** @param {Quiz} quiz @param {HTMLElement} root @param {ResultView} view */
  function profileView(quiz, root, view) {
    const model = quiz.spcm;
    const role = modelRole(model, view.role);
    const others = storedBanks(view.results, model, siteRoot() || location.href).banks.filter((bank) => bank.id !== quiz.id);
    const bank = pageBank(quiz, root, view.attempts.length ? view.attempts : [view.attempt]);
    const profile = profileOf(others.concat([bank]), role);
    const before = profileOf(others, role);
    /** @type {Set<string>} */
    const cells = new Set();
    quiz.spec.questions.forEach((question) => {
      if (question.type !== "rating") cells.add(question.dimension + "\n" + question.level);
    });
    let decided = 0;
    cells.forEach((key) => {
      const [dimension, level] = key.split("\n");
      /** @param {SpcmProfile | null} found */
      const status = (found) => (found ? String((pick(pick(found.score.cells, dimension), level) || {}).status) : "insufficient");
      if (status(before) === "insufficient" && status(profile) !== "insufficient") decided += 1;
    });
    const kept = keptOf(bank);
    const counted = !kept || kept.attempt === view.attempt || kept.attempt.submitted === view.attempt.submitted;
    const note = counted ? "" : `按保留方式（${KEEP_NAMES[quiz.keep]}），SPCM 结果计入的是第 ${kept ? kept.index + 1 : 1} 次作答。`;
    const { asked, right } = rightCount(view.score);
    return {
      model, role, profile, context: /** @type {"quiz"} */ ("quiz"), title: quiz.title || quiz.id,
      name: isText(view.attempt.name) ? view.attempt.name : "",
      added: { asked, right, cells: cells.size, decided, note },
      home: siteRoot(),
    };
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
    list.append(make("li", "本次" + knowledgeText(score), { class: "academy-result__knowledge" }));
    const kept = keptText(quiz, view);
    if (kept) list.append(make("li", kept, { class: "academy-result__kept" }));
    return list;
  }

  // Returns the summary sentence, for the screen reader's announcement.
  /** @param {HTMLElement} box @param {Quiz} quiz @param {HTMLElement} root @param {ResultView} view */
  function renderResult(box, quiz, root, view) {
    startBox(box, "result", "测验结果" + (quiz.title ? "：" + quiz.title : ""));
    if (view.restored) box.append(make("p", restoredText(quiz, view), { class: "academy-result__restored" }));
    const options = profileView(quiz, root, view);
    box.append(renderProfile(options));
    box.append(facts(quiz, view));
    const tools = [["打印报告", "data-academy-print"], ["重新作答", "data-academy-retake"], ["导出结果（JSON）", "data-academy-export"]];
    finishBox(box, /** @type {[string, string][]} */ (tools), view.wait);
    return summarySentence(options);
  }

  window.Academy = Object.assign(window.Academy || {}, { quizResult: Object.freeze({
    NO_ROLE, percent, roleOf, targetOf, focusOf, knowledgeText, rootRelative, bankMeta,
    tableHead, startBox, finishBox, renderResult,
  }) });
})();
