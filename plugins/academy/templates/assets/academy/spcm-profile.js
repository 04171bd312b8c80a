// @ts-check
// The trainee's SPCM profile in the browser: the kept attempt (retake rule) of
// every practice bank taken, scored together by scoring.js's scoreProfile, as
// `academy score` scores an exported profile (scoring/profile.py). A bank
// counts with what its quiz page stored next to its attempts (quiz.js): its
// spec, the refs of its questions and its review links. This file gathers
// them, scores them, picks the next actions and writes the profile file;
// spcm-view.js shows the result. Loaded on quiz pages and on 我的学习.
(function () {
  "use strict";

  const { core, retake, scoring } = window.Academy || {};
  if (!core || !retake || !scoring || !scoring.scoreProfile) return;
  const { isRecord, isText, own, pick, today, download } = core;
  const { keepRule, keptAttempt } = retake;
  const { scoreAttempt, scoreProfile } = scoring;
  const SCHEMA = 1; // of the profile file, scoring/result_files.py

  // ---------------------------------------------------------------- reading

  /** @param {string | undefined} text @param {unknown} fallback @returns {any} */
  function parseJSON(text, fallback) {
    try {
      const value = JSON.parse(/** @type {string} */ (text));
      return value === undefined || value === null ? fallback : value;
    } catch (error) {
      return fallback;
    }
  }

  // Only links into a web or file site, never javascript: or data:; absolute.
  /** @type {AcademySpcmProfile["safeUrl"]} */
  function safeUrl(href, base) {
    if (!isText(href)) return null;
    try {
      const url = new URL(href, base);
      return /^(https?|file):$/.test(url.protocol) ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  /** @param {unknown} value @returns {string[]} */
  const texts = (value) => (Array.isArray(value) ? value.filter(isText) : []);

  // What the plugin rendered into data-levels, -groups, -roles, -scale, -banks
  // (the same on a quiz page and on the dashboard); links made absolute.
  /** @type {AcademySpcmProfile["readModel"]} */
  function readModel(root) {
    const data = root.dataset;
    /** @type {Record<string, string>} */
    const levelNames = {};
    const levels = /** @type {string[]} */ ([]);
    (/** @type {unknown[]} */ (parseJSON(data.levels, []))).filter(isRecord).forEach((level) => {
      if (!isText(level.id)) return;
      levels.push(level.id);
      levelNames[level.id] = isText(level.name) ? level.name : level.id;
    });
    const groups = (/** @type {unknown[]} */ (parseJSON(data.groups, []))).filter(isRecord)
      .map((group) => ({ name: isText(group.name) ? group.name : "", dimensions: texts(group.dimensions) }));
    /** @type {Record<string, SpcmRole>} */
    const roles = {};
    const rawRoles = parseJSON(data.roles, {});
    Object.keys(isRecord(rawRoles) ? rawRoles : {}).forEach((id) => {
      const role = pick(rawRoles, id);
      if (!isRecord(role) || !isText(role.target)) return;
      roles[id] = { id, name: isText(role.name) ? role.name : id, target: role.target, dimensions: texts(role.dimensions) };
    });
    const banks = (/** @type {unknown[]} */ (parseJSON(data.banks, []))).filter(isRecord).filter((bank) => isText(bank.id))
      .map((bank) => ({
        id: String(bank.id),
        version: typeof bank.version === "number" ? bank.version : null,
        title: isText(bank.title) ? bank.title : String(bank.id),
        href: safeUrl(bank.href, location.href),
        roles: texts(bank.roles),
        cells: isRecord(bank.cells) ? bank.cells : {},
      }));
    return {
      levels,
      levelNames,
      dimensions: groups.reduce((all, group) => all.concat(group.dimensions), /** @type {string[]} */ ([])),
      groups,
      roles,
      scale: texts(parseJSON(data.scale, [])),
      banks,
    };
  }

  /** @type {AcademySpcmProfile["roleOf"]} */
  const roleOf = (model, role) => (isText(role) && own(model.roles, role) ? model.roles[role] : null);

  /** @param {unknown} value @param {string} base @returns {Record<string, SpcmLink[]>} */
  function linkMap(value, base) {
    /** @type {Record<string, SpcmLink[]>} */
    const map = {};
    if (!isRecord(value)) return map;
    Object.keys(value).forEach((key) => {
      const links = pick(value, key);
      /** @type {SpcmLink[]} */
      const safe = [];
      (Array.isArray(links) ? links : []).filter(isRecord).forEach((link) => {
        const href = safeUrl(link.href, base);
        if (href) safe.push({ href, title: isText(link.title) && link.title ? link.title : href });
      });
      Object.defineProperty(map, key, { value: safe, writable: true, enumerable: true, configurable: true });
    });
    return map;
  }

  /** @param {unknown} spec @returns {spec is Spec} */
  const isSpec = (spec) => isRecord(spec) && isRecord(spec.model) && Array.isArray(spec.model.levels) &&
    Array.isArray(spec.model.dimensions) && Array.isArray(spec.questions);

  // The practice banks in the stored results (per quiz id the newest version),
  // with their specs; links there are relative to the site root (`root`).
  // A bank stored without a spec (by an older page) or of a version the site
  // no longer has cannot be scored: it is listed in `skipped`.
  /** @type {AcademySpcmProfile["storedBanks"]} */
  function storedBanks(results, model, root) {
    /** @type {Record<string, SpcmBank>} */
    const byQuiz = {};
    /** @type {Record<string, string>} */
    const skipped = {};
    Object.keys(isRecord(results) ? results : {}).forEach((key) => {
      const at = key.lastIndexOf("@");
      const entry = pick(results, key);
      if (at < 1 || !isRecord(entry) || entry.mode === "assessed" || !Array.isArray(entry.attempts)) return;
      const id = key.slice(0, at);
      const version = /^\d+$/.test(key.slice(at + 1)) ? Number(key.slice(at + 1)) : key.slice(at + 1);
      const attempts = entry.attempts.filter((/** @type {unknown} */ attempt) =>
        isRecord(attempt) && isText(attempt.submitted) && attempt.mode !== "assessed" && isRecord(attempt.answers));
      if (!attempts.length) return;
      const title = isText(entry.title) && entry.title ? entry.title : id;
      const current = model.banks.find((bank) => bank.id === id);
      if (current && current.version !== null && current.version !== version) {
        if (!byQuiz[id]) skipped[id] = title + "（题库已更新，请重新作答）";
        return;
      }
      if (!isSpec(entry.spec)) {
        if (!byQuiz[id]) skipped[id] = title + "（成绩由旧版页面保存，请打开该测验页面一次）";
        return;
      }
      delete skipped[id];
      byQuiz[id] = {
        id, version, key, title,
        page: safeUrl(entry.page, root),
        keep: keepRule(entry.keep),
        spec: entry.spec,
        refs: linkMap(entry.refs, root),
        review: linkMap(entry.review, root),
        attempts,
      };
    });
    return { banks: Object.values(byQuiz), skipped: Object.values(skipped) };
  }

  // ---------------------------------------------------------------- scoring

  /** @type {AcademySpcmProfile["keptOf"]} */
  function keptOf(bank) {
    const share = (/** @type {Attempt} */ attempt) =>
      scoreAttempt(bank.spec, isRecord(attempt.answers) ? attempt.answers : {}, null).knowledge.share;
    return keptAttempt(bank.attempts, bank.keep, share);
  }

  // The profile of `banks` (each with its kept attempt) for `role` (null: no
  // target, every dimension); null when no bank has an attempt.
  /** @type {AcademySpcmProfile["profileOf"]} */
  function profileOf(banks, role) {
    /** @type {Record<string, Spec>} */
    const specs = {};
    /** @type {Record<string, Responses>} */
    const answers = {};
    /** @type {SpcmCounted[]} */
    const counted = [];
    banks.forEach((bank) => {
      const kept = keptOf(bank);
      if (!kept) return;
      specs[bank.id] = bank.spec;
      answers[bank.id] = isRecord(kept.attempt.answers) ? kept.attempt.answers : {};
      counted.push({ bank, attempt: kept.attempt, number: kept.index + 1 });
    });
    if (!counted.length) return null;
    const focus = role && role.dimensions.length ? role.dimensions : null;
    const score = scoreProfile(specs, answers, role ? role.target : null, focus);
    return { score, counted, role };
  }

  // ----------------------------------------------------------- what it means

  // "quiz/question" → the bank and its question spec.
  /** @param {SpcmProfile} profile @param {string} id */
  function questionOf(profile, id) {
    const slash = id.indexOf("/");
    const entry = profile.counted.find((item) => item.bank.id === id.slice(0, slash));
    const qid = id.slice(slash + 1);
    const spec = entry ? entry.bank.spec.questions.find((question) => isRecord(question) && question.id === qid) : undefined;
    return entry && spec ? { bank: entry.bank, qid, spec } : null;
  }

  // Per dimension: knowledge questions answered and answered fully right.
  /** @type {AcademySpcmProfile["tallies"]} */
  function tallies(profile) {
    /** @type {Record<string, SpcmTally>} */
    const byDimension = {};
    Object.keys(profile.score.questions).forEach((id) => {
      const result = profile.score.questions[id];
      const found = questionOf(profile, id);
      if (!found || !("earned" in result)) return;
      const dimension = found.spec.dimension;
      const tally = byDimension[dimension] || (byDimension[dimension] = { asked: 0, right: 0, missed: [] });
      tally.asked += 1;
      if (result.earned >= result.possible - 1e-9) tally.right += 1;
      else tally.missed.push(found.bank.refs[found.qid] || []);
    });
    return byDimension;
  }

  // Pages to review for a dimension: the refs of the questions missed first,
  // then the banks' review links (pages teaching the dimension); no duplicates.
  /** @type {AcademySpcmProfile["reviewLinks"]} */
  function reviewLinks(profile, tally, dimension, limit) {
    /** @type {SpcmLink[]} */
    const links = [];
    const seen = new Set();
    /** @param {SpcmLink} link @param {boolean} missed */
    const add = (link, missed) => {
      if (links.length >= limit || seen.has(link.href)) return;
      seen.add(link.href);
      links.push({ href: link.href, title: link.title, missed });
    };
    (tally ? tally.missed : []).forEach((refs) => refs.forEach((link) => add(link, true)));
    profile.counted.forEach(({ bank }) => (bank.review[dimension] || []).forEach((link) => add(link, false)));
    return links;
  }

  // The cells that matter: the role's dimensions up to its target (every level
  // without a target), with the status they have.
  /** @param {SpcmModel} model @param {Score | null} score @param {SpcmRole | null} role */
  function cellsToFill(model, score, role) {
    const focus = role && role.dimensions.length ? role.dimensions : model.dimensions;
    const top = role ? model.levels.indexOf(role.target) : model.levels.length - 1;
    /** @type {{ dimension: string, level: string, status: string }[]} */
    const cells = [];
    focus.forEach((dimension) => {
      model.levels.slice(0, top + 1).forEach((level) => {
        const cell = score ? pick(pick(score.cells, dimension), level) : null;
        cells.push({ dimension, level, status: isRecord(cell) ? String(cell.status) : "insufficient" });
      });
    });
    return cells;
  }

  // Banks not yet counted that would add knowledge questions to the cells
  // that lack evidence, the most such questions first (then those for the role).
  /** @type {AcademySpcmProfile["quizzesToTake"]} */
  function quizzesToTake(model, profile, role) {
    const taken = new Set(profile ? profile.counted.map((item) => item.bank.id) : []);
    const open = cellsToFill(model, profile ? profile.score : null, role).filter((cell) => cell.status === "insufficient");
    return model.banks
      .filter((bank) => !taken.has(bank.id) && bank.href)
      .map((bank) => {
        let items = 0;
        let cells = 0;
        open.forEach(({ dimension, level }) => {
          const count = Number(pick(pick(bank.cells, dimension), level)) || 0;
          items += count;
          if (count) cells += 1;
        });
        const forRole = !role || !bank.roles.length || bank.roles.indexOf(role.id) !== -1;
        return { bank, items, cells, forRole };
      })
      .filter((choice) => choice.items > 0)
      .sort((a, b) => Number(b.forRole) - Number(a.forRole) || b.cells - a.cells || b.items - a.items);
  }

  // Up to three next steps: quizzes that add evidence where it is missing,
  // then pages to review for the dimensions short of the target (the refs of
  // missed questions first), then the quiz to retake after reviewing.
  /** @type {AcademySpcmProfile["nextActions"]} */
  function nextActions(model, profile, role, limit) {
    /** @type {SpcmAction[]} */
    const actions = [];
    const short = (/** @type {string} */ level) => (model.levelNames[level] || level).replace(/^SOC-/, "");
    quizzesToTake(model, profile, role).slice(0, 2).forEach(({ bank, items, cells }) => {
      actions.push({
        kind: "quiz", href: /** @type {string} */ (bank.href), title: bank.title,
        why: `为 ${cells} 个证据不足的格子补充 ${items} 道题`,
      });
    });
    if (!profile) return actions.slice(0, limit);
    const tally = tallies(profile);
    const seen = new Set(actions.map((action) => action.href));
    /** @type {SpcmAction[]} */
    const reading = [];
    profile.score.gaps.forEach((gap) => {
      const failed = gap.cells.find((cell) => cell.status === "failed");
      if (!failed) return;
      const link = reviewLinks(profile, tally[gap.dimension], gap.dimension, 8).find((candidate) => !seen.has(candidate.href));
      if (!link) return;
      seen.add(link.href);
      reading.push({
        kind: "read", href: link.href, title: link.title,
        why: `「${gap.dimension}」${short(failed.level)}未通过` + (link.missed ? "，复习答错的题" : ""),
      });
    });
    // At the target already (or nothing failed): firm up the dimensions with
    // the most missed questions, then evidence for the level above the target.
    if (!reading.length) {
      profile.score.focus
        .filter((dimension) => tally[dimension] && tally[dimension].missed.length)
        .sort((a, b) => tally[b].missed.length - tally[a].missed.length)
        .forEach((dimension) => {
          const link = reviewLinks(profile, tally[dimension], dimension, 8).find((candidate) => candidate.missed && !seen.has(candidate.href));
          if (!link) return;
          seen.add(link.href);
          reading.push({ kind: "read", href: link.href, title: link.title, why: `「${dimension}」答错 ${tally[dimension].missed.length} 题，巩固一下` });
        });
    }
    actions.push(...reading.slice(0, Math.max(1, limit - actions.length)));
    const above = role ? model.levels[model.levels.indexOf(role.target) + 1] : undefined;
    if (above && actions.length < limit && !profile.score.gaps.length) {
      const higher = quizzesToTake(model, profile, Object.assign({}, role, { target: above }))[0];
      if (higher && !seen.has(/** @type {string} */ (higher.bank.href))) {
        actions.push({ kind: "quiz", href: /** @type {string} */ (higher.bank.href), title: higher.bank.title, why: `挑战更高的级别：${short(above)}` });
      }
    }
    if (reading.length && profile.score.gaps.length) {
      const gapDimensions = profile.score.gaps.map((gap) => gap.dimension);
      const retake = profile.counted.find(({ bank }) => bank.page && bank.spec.questions.some((question) =>
        isRecord(question) && question.type !== "rating" && gapDimensions.indexOf(question.dimension) !== -1));
      if (retake && retake.bank.page && !seen.has(retake.bank.page)) {
        actions.push({ kind: "retake", href: retake.bank.page, title: retake.bank.title, why: "复习后再做一次" });
      }
    }
    return actions.slice(0, limit);
  }

  // --------------------------------------------------------------- the file

  // The profile file `academy score` / `academy report` read (scoring/result_files.py).
  /** @type {AcademySpcmProfile["profileFile"]} */
  function profileFile(profile, name) {
    return {
      format: "academy-profile",
      schema: SCHEMA,
      trainee: { name },
      role: profile.role ? profile.role.id : null,
      attempts: profile.counted.map(({ bank, attempt }) => ({
        quiz: { id: bank.id, version: bank.version },
        submitted: attempt.submitted,
        answers: isRecord(attempt.answers) ? attempt.answers : {},
      })),
      profile: profile.score,
    };
  }

  /** @type {AcademySpcmProfile["downloadProfile"]} */
  function downloadProfile(profile, name) {
    const file = `SPCM结果-${today()}.json`;
    download(file, JSON.stringify(profileFile(profile, name), null, 2) + "\n", "application/json");
    return file;
  }

  window.Academy = Object.assign(window.Academy || {}, { spcmProfile: Object.freeze({
    safeUrl, readModel, roleOf, storedBanks, keptOf, profileOf, tallies, reviewLinks, quizzesToTake, nextActions,
    profileFile, downloadProfile,
  }) });
})();
