// @ts-check
// SPCM ladder scoring in the browser: an exact port of plugins/academy/scoring/ladder.py
// and of the profile of scoring/profile.py.
// Both are checked against tests/data/scoring_vectors.json, and the browser tests
// compare their JSON output byte for byte. Keep the two files in step: same rules,
// same order of floating-point operations, same keys in the same order.
//
// Sets window.Academy.scoring (frozen); quiz.js and the tests use it.

// The JSON shapes of scoring/types.py: the input (Spec, Responses) and the output (Score).
/**
 * @typedef {{ levels: string[], dimensions: string[], threshold: number,
 *   weights: { knowledge: number, self: number }, calibration_margin?: number,
 *   min_items?: number, knowledge_floor?: number }} ModelSpec
 * levels: level ids, lowest first; calibration_margin: 0.2, min_items: 3 and
 * knowledge_floor: 0.5 when absent.
 */
/**
 * Knowledge questions carry points and, on a page with answer keys, the answer:
 * the truefalse truth, or the right option indices / item indices in order.
 * Rating questions carry how many ratings count (indicators).
 * @typedef {{ id: string, type: string, dimension: string, level: string, points?: number,
 *   answer?: number[] | boolean | null, indicators?: number }} QuestionSpec
 */
/** @typedef {{ model: ModelSpec, questions: QuestionSpec[] }} Spec */
/**
 * What a trainee answered, by question id; nothing in it is trusted.
 * @typedef {Record<string, unknown>} Responses
 */
/** @typedef {{ earned: number, possible: number } | { rating: number | null }} QuestionScore */
/** @typedef {"passed" | "failed" | "insufficient"} CellStatus */
/**
 * @typedef {{ items: number, knowledge: number | null, self: number | null, evidence: number | null,
 *   passed: boolean | null, status: CellStatus }} CellScore
 */
/** @typedef {{ level: string, status: "failed" | "insufficient" }} Stop */
/** @typedef {{ level: string, status: "failed" | "insufficient", shortfall: number | null, missing: number }} GapCell */
/** @typedef {{ dimension: string, reached: string | null, target: string, cells: GapCell[] }} Gap */
/**
 * @typedef {{ self_level: string | null, knowledge_level: string | null, self: number | null,
 *   knowledge: number | null, flag: "high" | "low" | "ok" | null }} Calibration
 */
/**
 * cells: dimension → level → cell.
 * @typedef {{ questions: Record<string, QuestionScore>,
 *   knowledge: { earned: number, possible: number, share: number | null, items: number },
 *   cells: Record<string, Record<string, CellScore>>, reached: Record<string, string | null>,
 *   stopped: Record<string, Stop | null>, assessed: Record<string, boolean>, overall: string | null,
 *   overall_status: "reached" | "not_reached" | "insufficient", limited_by: string[], focus: string[],
 *   target: string | null, gaps: Gap[], calibration: Record<string, Calibration> }} Score
 */
(function () {
  "use strict";

  const EPSILON = 1e-9;
  const MIN_ITEMS = 3; // knowledge questions that decide a cell, when the model does not say
  const KNOWLEDGE_FLOOR = 0.5; // knowledge share below which no rating passes a cell

  // math.floor(value * 10000 + 0.5) / 10000
  /** @param {number} value */
  const round4 = (value) => Math.floor(value * 10000 + 0.5) / 10000;

  // ------------------------------------------------- Python semantics helpers

  /** @type {(object: unknown, key: string) => boolean} */
  const own = (object, key) =>
    object !== null && typeof object === "object" && Object.prototype.hasOwnProperty.call(object, key);

  // dict.get(key): undefined when absent (also for "constructor", "__proto__" …)
  /** @type {(object: unknown, key: string) => unknown} */
  const get = (object, key) => (own(object, key) ? /** @type {Record<string, unknown>} */ (object)[key] : undefined);

  // An own, enumerable property even for keys such as "__proto__".
  /** @type {(object: object, key: string, value: unknown) => void} */
  const put = (object, key, value) => {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  };

  // isinstance(value, int) and not isinstance(value, bool), for JSON input
  /** @type {(value: unknown) => value is number} */
  const isInt = (value) => typeof value === "number" && Number.isInteger(value);

  /** @type {(value: unknown) => value is number | boolean} */
  const isNumeric = (value) => typeof value === "number" || typeof value === "boolean";

  // Python's ==: True == 1, lists and dicts compare by value.
  /** @param {unknown} a @param {unknown} b @returns {boolean} */
  function pyEqual(a, b) {
    if (isNumeric(a) && isNumeric(b)) return Number(a) === Number(b);
    if (Array.isArray(a) || Array.isArray(b)) {
      if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!pyEqual(a[i], b[i])) return false;
      return true;
    }
    if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
      const keys = Object.keys(a);
      if (keys.length !== Object.keys(b).length) return false;
      return keys.every((key) => own(b, key) && pyEqual(get(a, key), get(b, key)));
    }
    return a === b;
  }

  // Set members as Python hashes them: 1, 1.0 and True are one member.
  /** @param {unknown} value */
  const memberKey = (value) => (isNumeric(value) ? "n:" + Number(value) : "j:" + JSON.stringify(value));

  // max(0.0, value): Python keeps the first argument unless the second is greater.
  /** @param {number} value */
  const atLeastZero = (value) => (value > 0.0 ? value : 0.0);

  // sum(values) on Python 3.11: left to right, starting from 0.
  /** @param {number[]} values */
  function sum(values) {
    let total = 0;
    for (let i = 0; i < values.length; i++) total = total + values[i];
    return total;
  }

  /** @param {number} numerator @param {number} denominator */
  function divide(numerator, denominator) {
    if (denominator === 0) throw new RangeError("division by zero");
    return numerator / denominator;
  }

  // ------------------------------------------------------------- the rules

  // Share (0–1) of a knowledge question's points earned by `response`.
  /** @param {QuestionSpec} question @param {unknown} response */
  function questionCredit(question, response) {
    const kind = question.type;
    let answer = /** @type {any} */ (get(question, "answer"));
    if (answer === undefined) answer = null;
    if (response === undefined || response === null) return 0.0;
    if (kind === "single") {
      return isInt(response) && pyEqual([response], answer) ? 1.0 : 0.0;
    }
    if (kind === "truefalse") {
      return typeof response === "boolean" && pyEqual(response, answer) ? 1.0 : 0.0;
    }
    if (kind === "multiple") {
      if (!Array.isArray(response)) return 0.0;
      /** @type {Record<string, boolean>} */
      const truth = {};
      answer.forEach((/** @type {unknown} */ value) => {
        truth[memberKey(value)] = true;
      });
      const chosen = {};
      let right = 0;
      let wrong = 0;
      response.forEach((value) => {
        if (!isInt(value)) return;
        const key = memberKey(value);
        if (own(chosen, key)) return;
        put(chosen, key, true);
        if (own(truth, key)) right += 1;
        else wrong += 1;
      });
      return atLeastZero(divide(right - wrong, answer.length));
    }
    if (kind === "ordering") {
      if (!Array.isArray(response) || response.length !== answer.length) return 0.0;
      let placed = 0;
      for (let i = 0; i < response.length; i++) if (pyEqual(response[i], answer[i])) placed += 1;
      return divide(placed, answer.length);
    }
    return 0.0;
  }

  /** @param {QuestionSpec} question @param {unknown} response */
  function ratingValues(question, response) {
    if (!Array.isArray(response)) return [];
    const limit = own(question, "indicators") ? question.indicators : response.length;
    /** @type {number[]} */
    const values = [];
    response.slice(0, limit === null ? undefined : limit).forEach((value) => {
      if (isInt(value) && value >= 1 && value <= 4) values.push((value - 1) / 3);
    });
    return values;
  }

  // (dimension, level) as a map key
  /** @param {string} dimension @param {string} level */
  const cellKey = (dimension, level) => JSON.stringify([dimension, level]);

  /**
   * Points, item counts and ratings per cell, and each question's own score.
   * @param {Spec} spec @param {Responses} responses
   */
  function tally(spec, responses) {
    /** @type {Map<string, number>} */
    const earned = new Map();
    /** @type {Map<string, number>} */
    const possible = new Map();
    /** @type {Map<string, number>} */
    const items = new Map();
    /** @type {Map<string, number[]>} */
    const ratings = new Map();
    /** @type {Record<string, QuestionScore>} */
    const questions = {};
    let totalEarned = 0.0;
    let totalPossible = 0.0;
    spec.questions.forEach((question) => {
      const cell = cellKey(question.dimension, question.level);
      const response = get(responses, question.id);
      if (question.type === "rating") {
        const values = ratingValues(question, response);
        const rated = ratings.get(cell) || [];
        ratings.set(cell, rated);
        rated.push(...values);
        const mean = values.length ? sum(values) / values.length : null;
        put(questions, question.id, { rating: mean === null ? null : round4(mean) });
        return;
      }
      const points = /** @type {number} */ (question.points);
      const got = questionCredit(question, response) * points;
      earned.set(cell, (earned.has(cell) ? /** @type {number} */ (earned.get(cell)) : 0.0) + got);
      possible.set(cell, (possible.has(cell) ? /** @type {number} */ (possible.get(cell)) : 0.0) + points);
      items.set(cell, (items.get(cell) || 0) + 1);
      totalEarned += got;
      totalPossible += points;
      put(questions, question.id, { earned: round4(got), possible: round4(points) });
    });
    return { earned, possible, items, ratings, questions, totalEarned, totalPossible };
  }

  /** @param {ModelSpec} model */
  const minItems = (model) => (own(model, "min_items") ? /** @type {number} */ (model.min_items) : MIN_ITEMS);

  /**
   * One (dimension, level) cell: decided only on `min_items` knowledge questions.
   * @param {ReturnType<typeof tally>} counts @param {string} cell @param {ModelSpec} model @returns {CellScore}
   */
  function cellScore(counts, cell, model) {
    const weightK = model.weights.knowledge;
    const weightS = model.weights.self;
    const items = counts.items.get(cell) || 0;
    const pointsIn = counts.possible.get(cell);
    const knowledge = pointsIn ? /** @type {number} */ (counts.earned.get(cell)) / pointsIn : null;
    const values = counts.ratings.get(cell) || [];
    const selfRating = values.length ? sum(values) / values.length : null;
    /** @type {number | null} */
    let evidence = null;
    /** @type {CellStatus} */
    let status = "insufficient";
    if (knowledge !== null && items >= minItems(model)) {
      evidence = knowledge;
      if (selfRating !== null) evidence = (weightK * knowledge + weightS * selfRating) / (weightK + weightS);
      const floor = own(model, "knowledge_floor") ? /** @type {number} */ (model.knowledge_floor) : KNOWLEDGE_FLOOR;
      const passed = evidence >= model.threshold - EPSILON && knowledge >= floor - EPSILON;
      status = passed ? "passed" : "failed";
    }
    return {
      items,
      knowledge: knowledge === null ? null : round4(knowledge),
      self: selfRating === null ? null : round4(selfRating),
      evidence: evidence === null ? null : round4(evidence),
      passed: status === "insufficient" ? null : status === "passed",
      status,
    };
  }

  // The level a dimension reaches, and the cell that stopped it (null at the top).
  /** @param {Record<string, CellScore>} row @param {string[]} levels @returns {[string | null, Stop | null]} */
  function climb(row, levels) {
    /** @type {string | null} */
    let top = null;
    for (let i = 0; i < levels.length; i++) {
      const status = row[levels[i]].status;
      if (status !== "passed") return [top, { level: levels[i], status }];
      top = levels[i];
    }
    return [top, null];
  }

  /**
   * @param {Spec} spec @param {Responses} responses @param {string | null} [target]
   * @param {string[] | null} [focus] the dimensions the role is assessed on (all when null)
   * @returns {Score}
   */
  function scoreAttempt(spec, responses, target, focus) {
    if (target === undefined) target = null;
    const model = spec.model;
    const levels = model.levels;
    const every = model.dimensions;
    const chosen = every.filter((dimension) => !focus || focus.indexOf(dimension) !== -1);
    const dimensions = chosen.length ? chosen : every;
    const threshold = model.threshold;
    const margin = own(model, "calibration_margin") ? /** @type {number} */ (model.calibration_margin) : 0.2;

    const counts = tally(spec, responses);
    /** @type {Record<string, Record<string, CellScore>>} */
    const cells = {};
    every.forEach((dimension) => {
      const row = {};
      put(cells, dimension, row);
      levels.forEach((level) => put(row, level, cellScore(counts, cellKey(dimension, level), model)));
    });
    /** @type {Record<string, string | null>} */
    const reached = {};
    /** @type {Record<string, Stop | null>} */
    const stopped = {};
    every.forEach((dimension) => {
      const [top, stop] = climb(cells[dimension], levels);
      put(reached, dimension, top);
      put(stopped, dimension, stop);
    });
    /** @type {Record<string, boolean>} */
    const assessed = {};
    every.forEach((dimension) => {
      put(assessed, dimension, levels.some((level) => cells[dimension][level].items > 0));
    });

    /** @type {string | null} */
    let overall = null;
    /** @type {Score["overall_status"]} */
    let overallStatus = "insufficient";
    if (dimensions.every((dimension) => reached[dimension] !== null)) {
      dimensions.forEach((dimension) => {
        const top = /** @type {string} */ (reached[dimension]);
        if (overall === null || levels.indexOf(top) < levels.indexOf(overall)) overall = top;
      });
      overallStatus = "reached";
    } else if (dimensions.some((dimension) => reached[dimension] === null && (stopped[dimension] || {}).status === "failed")) {
      overallStatus = "not_reached";
    }
    const limitedBy = dimensions.filter((dimension) => reached[dimension] === overall);

    /** @type {Record<string, Calibration>} */
    const calibration = {};
    every.forEach((dimension) => {
      put(calibration, dimension, calibrate(cells[dimension], levels, threshold, margin));
    });

    /** @type {Gap[]} */
    const gaps = [];
    if (typeof target === "string" && levels.indexOf(target) !== -1) {
      const goal = levels.indexOf(target);
      const wanted = target;
      dimensions.forEach((dimension) => {
        const top = reached[dimension];
        if (top !== null && levels.indexOf(top) >= goal) return;
        /** @type {GapCell[]} */
        const short = [];
        levels.slice(0, goal + 1).forEach((level) => {
          const cell = cells[dimension][level];
          if (cell.status === "passed") return;
          const evidence = cell.evidence;
          short.push({
            level,
            status: cell.status,
            shortfall: evidence === null ? null : round4(atLeastZero(threshold - evidence)),
            missing: Math.max(0, minItems(model) - cell.items),
          });
        });
        gaps.push({ dimension, reached: top, target: wanted, cells: short });
      });
    }

    return {
      questions: counts.questions,
      knowledge: {
        earned: round4(counts.totalEarned),
        possible: round4(counts.totalPossible),
        share: counts.totalPossible ? round4(counts.totalEarned / counts.totalPossible) : null,
        items: sum(Array.from(counts.items.values())),
      },
      cells,
      reached,
      stopped,
      assessed,
      overall,
      overall_status: overallStatus,
      limited_by: limitedBy,
      focus: dimensions,
      target,
      gaps,
      calibration,
    };
  }

  // ------------------------------------------------------------ the profile
  //
  // A trainee's profile (scoring/profile.py): the kept attempt of every bank,
  // scored together; question ids become "quiz/question".

  /** @param {Record<string, Spec>} specs @returns {Spec} */
  function profileSpec(specs) {
    const ids = Object.keys(specs).sort();
    if (!ids.length) throw new RangeError("a profile needs at least one quiz bank");
    /** @type {QuestionSpec[]} */
    const questions = [];
    ids.forEach((quiz) => {
      specs[quiz].questions.forEach((question) => questions.push({ ...question, id: `${quiz}/${question.id}` }));
    });
    return { model: specs[Object.keys(specs)[0]].model, questions };
  }

  /** @param {Record<string, Responses>} answers @returns {Responses} */
  function profileResponses(answers) {
    /** @type {Responses} */
    const merged = {};
    Object.keys(answers).forEach((quiz) => {
      const given = answers[quiz];
      Object.keys(given).forEach((question) => put(merged, `${quiz}/${question}`, given[question]));
    });
    return merged;
  }

  /**
   * The profile over the banks in `answers` (quiz id → the kept attempt's answers).
   * @param {Record<string, Spec>} specs @param {Record<string, Responses>} answers
   * @param {string | null} [target] @param {string[] | null} [focus] @returns {Score}
   */
  function scoreProfile(specs, answers, target, focus) {
    /** @type {Record<string, Spec>} */
    const taken = {};
    Object.keys(answers).forEach((quiz) => {
      if (own(specs, quiz)) put(taken, quiz, specs[quiz]);
    });
    return scoreAttempt(profileSpec(taken), profileResponses(answers), target, focus);
  }

  // The ladder on one source alone ("self" or "knowledge"), on the rounded cell values.
  /**
   * @param {Record<string, CellScore>} row @param {string[]} levels
   * @param {"self" | "knowledge"} source @param {number} threshold
   */
  function ladder(row, levels, source, threshold) {
    let top = null;
    for (let i = 0; i < levels.length; i++) {
      const value = row[levels[i]][source];
      if (value === null || value < threshold - EPSILON) break;
      if (source === "knowledge" && row[levels[i]].status === "insufficient") break;
      top = levels[i];
    }
    return top;
  }

  // Self-rating against knowledge on the cells that have both.
  /**
   * @param {Record<string, CellScore>} row @param {string[]} levels
   * @param {number} threshold @param {number} margin @returns {Calibration}
   */
  function calibrate(row, levels, threshold, margin) {
    const both = levels
      .filter((level) => row[level].status !== "insufficient" && row[level].knowledge !== null && row[level].self !== null)
      .map((level) => row[level]);
    /** @type {Calibration["flag"]} */
    let flag = null;
    let selfMean = null;
    let knowledgeMean = null;
    if (both.length) {
      selfMean = sum(both.map((cell) => /** @type {number} */ (cell.self))) / both.length;
      knowledgeMean = sum(both.map((cell) => /** @type {number} */ (cell.knowledge))) / both.length;
      if (selfMean - knowledgeMean >= margin - EPSILON) flag = "high";
      else if (knowledgeMean - selfMean >= margin - EPSILON) flag = "low";
      else flag = "ok";
    }
    return {
      self_level: ladder(row, levels, "self", threshold),
      knowledge_level: ladder(row, levels, "knowledge", threshold),
      self: selfMean === null ? null : round4(selfMean),
      knowledge: knowledgeMean === null ? null : round4(knowledgeMean),
      flag,
    };
  }

  window.Academy = Object.assign(window.Academy || {}, { scoring: Object.freeze({ scoreAttempt, scoreProfile, profileSpec, questionCredit, round4 }) });
})();
