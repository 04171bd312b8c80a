// @ts-check
// Quizzes and knowledge checks in the browser. The plugin renders every
// question, option, explanation and all data (data-*); the quiz part adds the
// behaviour. This file runs an attempt: mount, submit, retake, and the
// attempts kept in the site's learning data (academy.js) with their history.
// The other quiz files, loaded before it: scoring.js scores, retake.js picks
// the attempt that counts, quiz-questions.js handles the questions in the
// form, quiz-result.js shows the result (with charts.js) and quiz-export.js
// writes the files. Author and stored text is
// only ever set with textContent; the sanitised HTML the server rendered is
// moved or cloned, never parsed from strings.

/** @typedef {number | string | undefined} QuizVersion */
/**
 * The quiz as its root's data-* describe it. mode "assessed": the page has no
 * answer key; the answers go to the trainer in a response file.
 * @typedef {{ id: string, mode: "assessed" | "practice", keep: string, waitMinutes: number,
 *   version: QuizVersion, title: string, build: string, embedded: boolean, shuffle: boolean,
 *   spec: Spec, byId: Record<string, QuestionSpec>, levels: string[], dimensions: string[],
 *   threshold: number, levelNames: Record<string, string>, groups: Record<string, any>[],
 *   roles: Record<string, unknown>, review: Record<string, unknown>, spcm: SpcmModel }} Quiz
 */
/**
 * One submitted attempt, as stored in LearningData.results["<quiz>@<version>"].attempts.
 * Practice attempts carry their score (for the trainee's records; every page
 * scores the answers again); assessed ones their mode and checksum. Stored
 * attempts are only checked for `submitted`.
 * @typedef {{ started: string | null, submitted: string, name: string, role: string | null,
 *   answers: Responses, order: Record<string, number[]>, score?: Score,
 *   mode?: "assessed", checksum?: string }} Attempt
 */
/**
 * What a quiz page stores about itself next to its attempts: for the
 * dashboard, and for a practice bank what 我的学习 scores the profile with
 * (BankMeta: spec, refs, review).
 * @typedef {{ title: string, page: string | null, mode: string, keep: string, attempts: Attempt[] }
 *   & Partial<BankMeta>} QuizRecord
 */
/**
 * A quiz on the page and the attempt under way (attempt: the submitted one shown).
 * @typedef {{ root: HTMLElement, quiz: Quiz, embedded: boolean, form: HTMLFormElement,
 *   result: HTMLElement, history: HTMLElement | null, live: HTMLElement | null, store: Store,
 *   policy: HTMLElement | null, waitNote: HTMLElement | null, key: string, questions: Question[],
 *   order: Record<string, number[]>, attempt: Attempt | null, started: string | null }} QuizState
 */
(function () {
  "use strict";

  const { core, retake, scoring, quizResult, quizExport, quizQuestions, spcmProfile, spcmView } = window.Academy || {};
  if (!core || !retake || !scoring || !quizResult || !quizExport || !quizQuestions || !spcmProfile || !spcmView) return;
  const { make, isRecord, own, pick, localTime, load, update, record } = core;
  const { KEEP_NAMES, KEEP_RULES, keepRule, keptAttempt } = retake;
  const { scoreAttempt } = scoring;
  const { readQuestions, layOut, collect, restoreAnswers, showFeedback, clearFeedback, lock, move, reducedMotion, questionRecords } = quizQuestions;
  const { roleOf, targetOf, focusOf, knowledgeText, rootRelative, bankMeta } = quizResult;
  const { readModel, storedBanks, profileOf, profileFile } = spcmProfile;
  const spcmRoleOf = spcmProfile.roleOf;
  const { print } = spcmView;
  const { tableHead, renderResult } = quizResult;
  const { answersChecksum, responseFile, resultFile, downloadResponse, downloadResult, renderReceipt } = quizExport;

  // ---------------------------------------------------------------- helpers

  /** @param {string | undefined} text @param {unknown} fallback */
  function parseJSON(text, fallback) {
    try {
      const value = JSON.parse(/** @type {string} */ (text));
      return value === undefined ? fallback : value;
    } catch (error) {
      return fallback;
    }
  }

  /** @param {Attempt} attempt @returns {Responses} */
  const answersOf = (attempt) => (isRecord(attempt.answers) ? attempt.answers : {});

  // ---------------------------------------------------------------- the quiz

  /** @param {HTMLElement} root @returns {Quiz | null} */
  function readQuiz(root) {
    const spec = parseJSON(root.dataset.spec, null);
    if (!isRecord(spec) || !isRecord(spec.model) || !Array.isArray(spec.questions)) return null;
    const levels = parseJSON(root.dataset.levels, []);
    const groups = parseJSON(root.dataset.groups, []);
    const roles = parseJSON(root.dataset.roles, {});
    const review = parseJSON(root.dataset.review, {});
    /** @type {Record<string, string>} */
    const levelNames = {};
    (Array.isArray(levels) ? levels : []).forEach((level) => {
      if (isRecord(level) && typeof level.id === "string") levelNames[level.id] = String(level.name || level.id);
    });
    /** @type {Record<string, QuestionSpec>} */
    const byId = {};
    spec.questions.forEach((/** @type {unknown} */ question) => {
      if (isRecord(question)) byId[question.id] = /** @type {QuestionSpec} */ (question);
    });
    const version = root.dataset.version;
    const wait = Number(root.dataset.waitMinutes);
    return {
      id: root.dataset.quiz || "",
      mode: root.dataset.mode === "assessed" ? "assessed" : "practice",
      keep: keepRule(root.dataset.keep),
      waitMinutes: Number.isInteger(wait) && wait > 0 ? wait : 0,
      version: /^\d+$/.test(version || "") ? Number(version) : version,
      title: root.dataset.title || "",
      build: root.dataset.build || "",
      embedded: root.dataset.embedded === "true",
      shuffle: root.dataset.shuffle === "true",
      spec: /** @type {Spec} */ (spec),
      byId,
      levels: spec.model.levels || [],
      dimensions: spec.model.dimensions || [],
      threshold: spec.model.threshold,
      levelNames,
      groups: Array.isArray(groups) ? groups.filter(isRecord) : [],
      roles: isRecord(roles) ? roles : {},
      review: isRecord(review) ? review : {},
      spcm: readModel(root),
    };
  }

  // ---------------------------------------------------------------- attempts

  /** @param {Store} store @param {string} key @returns {Attempt[]} */
  function attemptsOf(store, key) {
    const entry = pick(store.data.results, key);
    const attempts = isRecord(entry) && Array.isArray(entry.attempts) ? entry.attempts : [];
    return attempts.filter((attempt) => isRecord(attempt) && typeof attempt.submitted === "string");
  }

  // meta: what the dashboard needs about the quiz (title, page, mode, keep).
  /** @param {Store} store @param {string} key @param {Attempt} attempt @param {Omit<QuizRecord, "attempts">} meta */
  function addAttempt(store, key, attempt, meta) {
    update(store, (data) => {
      const entry = pick(data.results, key);
      const next = Object.assign(isRecord(entry) ? Object.assign({}, entry) : {}, meta);
      if (Array.isArray(next.attempts)) {
        next.attempts = next.attempts.concat([attempt]);
      } else {
        if (next.attempts !== undefined) next["attempts:corrupt"] = next.attempts;
        next.attempts = [attempt];
      }
      Object.defineProperty(data.results, key, { value: next, writable: true, enumerable: true, configurable: true });
    });
  }

  /** @param {QuizState} state */
  const scoredAttempts = (state) => attemptsOf(state.store, state.key).filter((attempt) => attempt.mode !== "assessed");

  // Scores always come from the answers and this page's spec, never from stored numbers.
  /** @param {QuizState} state @param {Attempt} attempt */
  const rescore = (state, attempt) =>
    scoreAttempt(state.quiz.spec, answersOf(attempt), targetOf(state.quiz, attempt.role), focusOf(state.quiz, attempt.role));

  /** @param {QuizState} state */
  const keptOf = (state) => keptAttempt(scoredAttempts(state), state.quiz.keep, (attempt) => rescore(state, attempt).knowledge.share);

  /** @param {QuizState} state @param {Responses} answers */
  function answeredCount(state, answers) {
    const asked = state.questions.filter((question) => question.spec);
    return { answered: asked.filter((question) => own(answers, question.id)).length, total: asked.length };
  }

  // ----------------------------------------------------------------- history

  /** @param {QuizState} state @param {Attempt} attempt */
  function assessedRow(state, attempt) {
    const quiz = state.quiz;
    const answers = answersOf(attempt);
    const count = answeredCount(state, answers);
    const row = make("tr");
    row.appendChild(make("td", localTime(attempt.submitted)));
    row.appendChild(make("td", count.answered + "/" + count.total + " 题"));
    row.appendChild(make("td", answersChecksum(quiz.id, quiz.version, answers)));
    return row;
  }

  /** @param {QuizState} state @param {Attempt} attempt @param {Kept<Attempt> | null} kept */
  function practiceRow(state, attempt, kept) {
    const quiz = state.quiz;
    const score = rescore(state, attempt);
    const share = score.knowledge.share;
    const row = make("tr");
    row.appendChild(make("td", localTime(attempt.submitted)));
    row.appendChild(make("td", share == null ? "—" : knowledgeText(score).replace(/^知识题/, "")));
    let note = "";
    if (kept && quiz.keep === "average") {
      note = (share == null ? "" : "计入平均") + (attempt === kept.attempt ? (share == null ? "" : "；") + "级别取此次" : "");
    } else if (kept && attempt === kept.attempt) {
      note = "✓ 保留";
    }
    row.appendChild(make("td", note));
    return row;
  }

  /** @param {QuizState} state */
  function renderHistory(state) {
    const box = state.history;
    if (!box) return;
    box.textContent = "";
    const stored = attemptsOf(state.store, state.key);
    if (!stored.length) return;
    box.appendChild(make("h3", "作答记录（" + stored.length + " 次）"));
    const table = make("table", null, { class: "academy-history__table" });
    const body = make("tbody");
    const newestFirst = stored.slice().reverse();
    if (state.quiz.mode === "assessed") {
      tableHead(table, ["提交时间", "已作答", "校验码"]);
      newestFirst.forEach((attempt) => body.appendChild(assessedRow(state, attempt)));
    } else {
      tableHead(table, ["提交时间", "知识题", "保留"]);
      const kept = keptOf(state);
      newestFirst.forEach((attempt) => body.appendChild(practiceRow(state, attempt, kept)));
    }
    table.appendChild(body);
    box.appendChild(table);
  }

  // ------------------------------------------------------------ retake policy

  // Advisory only: a static page cannot (and does not) stop a retake.
  /** @param {QuizState} state */
  function waitText(state) {
    const quiz = state.quiz;
    if (quiz.mode !== "practice" || !quiz.waitMinutes) return "";
    const attempts = attemptsOf(state.store, state.key);
    const last = attempts[attempts.length - 1];
    const at = last ? Date.parse(last.submitted) : NaN;
    if (isNaN(at)) return "";
    const left = quiz.waitMinutes - (Date.now() - at) / 60000;
    if (left <= 0) return "";
    return "建议 " + Math.ceil(left) + " 分钟后再作答（距上次提交不到 " + quiz.waitMinutes + " 分钟；仅为建议，不限制作答）。";
  }

  /** @param {Quiz} quiz */
  function policyText(quiz) {
    if (quiz.mode === "assessed") {
      return [
        "考核测验：提交后会下载答卷文件，请交给培训师评分；本页不显示对错和得分。",
        "保留方式：" + KEEP_NAMES[quiz.keep] + "（培训师评分时按此方式计入）。",
      ];
    }
    const parts = ["保留方式：" + KEEP_NAMES[quiz.keep] + "——" + KEEP_RULES[quiz.keep] + "。"];
    if (quiz.waitMinutes) parts.push("两次作答之间建议间隔 " + quiz.waitMinutes + " 分钟（仅为建议，不限制作答）。");
    return parts;
  }

  // The retake policy, shown above the questions; the wait note is filled in
  // when the trainee retakes (or opens the page) too early.
  /** @param {QuizState} state */
  function renderPolicy(state) {
    const box = state.policy;
    const note = state.waitNote;
    if (!box || !note) return;
    box.textContent = "";
    policyText(state.quiz).forEach((line) => box.appendChild(make("p", line, { class: "academy-quiz__policy-line" })));
    const wait = waitText(state);
    note.textContent = wait;
    note.hidden = !wait;
  }

  // ----------------------------------------------------------------- showing

  // Returns the result's summary sentence.
  /** @param {QuizState} state @param {Attempt} attempt @param {Score} score @param {boolean} restored */
  function showResult(state, attempt, score, restored) {
    const attempts = scoredAttempts(state);
    const data = state.store.data;
    return renderResult(state.result, state.quiz, state.root, {
      attempt, score, restored, last: attempts[attempts.length - 1], kept: keptOf(state), wait: waitText(state),
      attempts, results: data.results, role: roleOf(state.quiz, data.role) ? data.role : null,
    });
  }

  /** @param {QuizState} state @param {Attempt} attempt @param {boolean} restored */
  function showReceipt(state, attempt, restored) {
    renderReceipt(state.result, state.quiz, attempt, restored, answeredCount(state, answersOf(attempt)));
  }

  /** @param {QuizState} state @param {string} message */
  function say(state, message) {
    if (state.live) state.live.textContent = message;
  }

  /** @param {QuizState} state */
  function focusResult(state) {
    state.result.focus({ preventScroll: true });
    state.result.scrollIntoView({ behavior: reducedMotion() ? "auto" : "smooth", block: "start" });
  }

  /** @param {QuizState} state */
  const resultStatus = (state) => state.result.querySelector("[data-academy-result-status]");

  // ----------------------------------------------------------------- actions

  /** @param {QuizState} state */
  function startAttempt(state) {
    state.started = new Date().toISOString();
    state.attempt = null;
    layOut(state);
  }

  /** @param {QuizState} state @returns {Omit<QuizRecord, "attempts">} */
  function meta(state) {
    const about = {
      title: state.quiz.title,
      page: rootRelative(location.href.split("#")[0]),
      mode: state.quiz.mode,
      keep: state.quiz.keep,
    };
    return state.quiz.mode === "practice" ? Object.assign(about, bankMeta(state.quiz, state.root)) : about;
  }

  /** @param {QuizState} state */
  function traineeName(state) {
    const input = state.form.querySelector(".academy-quiz__name input");
    return input instanceof HTMLInputElement ? input.value.trim() : "";
  }

  // Assessed: nothing is scored in the page (it has no key). The answers are
  // stored (without a score) and downloaded as a response file for the trainer.
  /** @param {QuizState} state @param {string | null} role @param {Responses} answers */
  function submitAssessed(state, role, answers) {
    const quiz = state.quiz;
    const checksum = answersChecksum(quiz.id, quiz.version, answers);
    /** @type {Attempt} */
    const attempt = {
      started: state.started,
      submitted: new Date().toISOString(),
      name: traineeName(state),
      role,
      answers,
      order: state.order,
      mode: "assessed",
      checksum,
    };
    state.attempt = attempt;
    lock(state, true);
    if (state.embedded) {
      say(state, "这是考核题，本页不评分。");
      return;
    }
    addAttempt(state.store, state.key, attempt, meta(state));
    const name = downloadResponse(quiz, attempt);
    showReceipt(state, attempt, false);
    renderHistory(state);
    renderPolicy(state);
    const count = answeredCount(state, answers);
    say(state, "已提交，答卷“" + name + "”已下载。已作答 " + count.answered + "/" + count.total + " 题，校验码 " + checksum + "。");
    focusResult(state);
    recordAttempt(state, attempt, null);
  }

  // The learning record of a submitted attempt (xapi.js sends it when the site
  // has a Learning Record Store): the file the page hands out, each answer and,
  // after a practice quiz, the SPCM profile of every bank taken.
  /** @param {QuizState} state @param {Attempt} attempt @param {Score | null} score */
  function recordAttempt(state, attempt, score) {
    if (!window.AcademyXapi) return; // the site sends no learning records
    try {
      record(learningRecord(state, attempt, score));
    } catch (error) {
      console.error(error); // the attempt is stored and shown; only its record is missing
    }
  }

  /** @param {QuizState} state @param {Attempt} attempt @param {Score | null} score */
  function learningRecord(state, attempt, score) {
    const quiz = state.quiz;
    let profile = null;
    if (score && quiz.spcm) {
      const { banks } = storedBanks(state.store.data.results, quiz.spcm, location.href);
      const counted = profileOf(banks, spcmRoleOf(quiz.spcm, state.store.data.role));
      profile = counted ? profileFile(counted, attempt.name) : null;
    }
    return {
      kind: "quiz",
      quiz: { id: quiz.id, version: quiz.version, title: quiz.title, mode: quiz.mode },
      file: score ? resultFile(quiz, attempt, score) : responseFile(quiz, attempt),
      score,
      questions: questionRecords(state.questions, answersOf(attempt), score),
      profile,
      box: state.result,
    };
  }

  // A knowledge check in a page: feedback only, nothing is stored.
  /** @param {QuizState} state @param {({ text: string } | null)[]} outcomes */
  function showChecked(state, outcomes) {
    const outcome = outcomes.filter(Boolean)[0];
    state.form.appendChild(make("button", "再试一次", {
      type: "button", class: "md-button", "data-academy-retake": "", "data-academy-added": "",
    }));
    say(state, outcome ? outcome.text : "已检查。");
    const feedback = state.questions[0] && state.questions[0].feedback;
    if (feedback) {
      feedback.setAttribute("tabindex", "-1");
      feedback.focus();
    }
  }

  /** @param {QuizState} state */
  function submit(state) {
    if (state.attempt) return;
    const quiz = state.quiz;
    if (!state.embedded) load(state.store);
    const role = !state.embedded && roleOf(quiz, state.store.data.role) ? state.store.data.role : null;
    const answers = collect(state);
    if (quiz.mode === "assessed") return submitAssessed(state, role, answers);
    const score = scoreAttempt(quiz.spec, answers, targetOf(quiz, role), focusOf(quiz, role));
    /** @type {Attempt} */
    const attempt = {
      started: state.started,
      submitted: new Date().toISOString(),
      name: traineeName(state),
      role,
      answers,
      score,
      order: state.order,
    };
    state.attempt = attempt;
    const outcomes = state.questions.map((question) => showFeedback(question, pick(answers, question.id), score));
    lock(state, true);
    if (state.embedded) return showChecked(state, outcomes);
    addAttempt(state.store, state.key, attempt, meta(state));
    const summary = showResult(state, attempt, score, false);
    renderHistory(state);
    renderPolicy(state);
    say(state, "已提交。本次" + knowledgeText(score) + "。" + summary);
    focusResult(state);
    recordAttempt(state, attempt, score);
  }

  /** @param {QuizState} state */
  function startRetake(state) {
    clearFeedback(state);
    const name = state.form.querySelector(".academy-quiz__name input");
    const keep = name instanceof HTMLInputElement ? name.value : "";
    state.form.reset();
    if (name instanceof HTMLInputElement) name.value = keep;
    lock(state, false);
    state.result.hidden = true;
    state.result.textContent = "";
    state.result.classList.remove("academy-receipt");
    startAttempt(state);
    renderPolicy(state);
    say(state, "已开始新的作答，之前的结果保存在作答记录中。" + waitText(state));
    const first = state.form.querySelector("fieldset.academy-q input, fieldset.academy-q button");
    if (first instanceof HTMLElement) first.focus();
  }

  /** @param {QuizState} state */
  function exportResult(state) {
    const attempt = state.attempt;
    if (!attempt) return;
    const name = downloadResult(state.quiz, attempt, rescore(state, attempt));
    const status = resultStatus(state);
    if (status) status.textContent = "已导出：" + name;
  }

  /** @param {QuizState} state */
  function redownload(state) {
    if (!state.attempt) return;
    const name = downloadResponse(state.quiz, state.attempt);
    const status = resultStatus(state);
    if (status) status.textContent = "已下载：" + name;
  }

  /** @param {QuizState} state @param {HTMLElement} button */
  function moved(state, button) {
    const message = move(button);
    if (message) say(state, message);
  }

  // -------------------------------------------------------------------- mount

  /** @param {QuizState} state */
  function bindActions(state) {
    state.form.addEventListener("submit", (event) => {
      event.preventDefault();
      submit(state);
    });
    state.root.addEventListener("click", (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (!target) return;
      const mover = target.closest("button[data-move]");
      if (mover instanceof HTMLElement && state.root.contains(mover)) return moved(state, mover);
      if (target.closest("[data-academy-retake]")) return startRetake(state);
      if (target.closest("[data-academy-export]")) return exportResult(state);
      if (target.closest("[data-academy-response]")) return redownload(state);
      if (target.closest("[data-academy-print]")) return print();
    });
  }

  // Practice: the kept attempt (data-keep) is shown; assessed: the last receipt.
  /** @param {QuizState} state @param {Attempt} shown */
  function restore(state, shown) {
    state.started = typeof shown.started === "string" ? shown.started : null;
    restoreAnswers(state, shown);
    const name = state.form.querySelector(".academy-quiz__name input");
    if (name instanceof HTMLInputElement && typeof shown.name === "string") name.value = shown.name;
    state.attempt = shown;
    lock(state, true);
    if (state.quiz.mode === "assessed") return showReceipt(state, shown, true);
    const score = rescore(state, shown);
    const answers = answersOf(shown);
    state.questions.forEach((question) => showFeedback(question, pick(answers, question.id), score));
    showResult(state, shown, score, true);
  }

  /** @type {Mounter} */
  function mountQuiz(root, store) {
    const quiz = readQuiz(root);
    const form = root.querySelector("[data-academy-quiz-form]");
    const result = root.querySelector("[data-academy-result]");
    if (!quiz || !(form instanceof HTMLFormElement) || !(result instanceof HTMLElement)) return;
    /** @type {QuizState} */
    const state = {
      root,
      quiz,
      embedded: quiz.embedded,
      form,
      result,
      history: quiz.embedded ? null : root.querySelector("[data-academy-history]"),
      live: root.querySelector("[data-academy-live]"),
      store,
      policy: null,
      waitNote: null,
      key: quiz.id + "@" + root.dataset.version,
      questions: readQuestions(form, quiz),
      order: {},
      attempt: null,
      started: null,
    };
    bindActions(state);
    // A knowledge check keeps nothing: no stored attempts, no storage notice.
    if (quiz.embedded) return startAttempt(state);
    root.classList.toggle("academy-quiz--assessed", quiz.mode === "assessed");
    state.policy = make("div", null, { class: "academy-quiz__policy", "data-academy-policy": "" });
    state.waitNote = make("p", null, { class: "academy-quiz__wait", "data-academy-wait": "", hidden: "" });
    root.insertBefore(state.policy, form);
    root.insertBefore(state.waitNote, form);
    const attempts = attemptsOf(store, state.key);
    const last = attempts[attempts.length - 1];
    // Attempts stored by an older page lack what 我的学习 scores them with.
    const entry = pick(store.data.results, state.key);
    if (quiz.mode === "practice" && last && isRecord(entry) && !isRecord(entry.spec)) {
      update(store, (data) => {
        const current = pick(data.results, state.key);
        if (isRecord(current)) Object.assign(current, bankMeta(quiz, root));
      });
    }
    const kept = quiz.mode === "assessed" ? null : keptOf(state);
    const shown = kept ? kept.attempt : last;
    if (shown) restore(state, shown);
    else startAttempt(state);
    renderHistory(state);
    renderPolicy(state);
    return () => {}; // the storage notice is academy.js's; the rest changes only on submit
  }

  core.register("quiz", mountQuiz);
})();
