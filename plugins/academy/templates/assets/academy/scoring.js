// SPCM ladder scoring in the browser: an exact port of plugins/academy/scoring.py.
// Both are checked against tests/data/scoring_vectors.json, and the browser tests
// compare their JSON output byte for byte. Keep the two files in step: same rules,
// same order of floating-point operations, same keys in the same order.
//
// This script declares one script-scope binding, AcademyScoring (no window
// property); quiz.js and the tests use it.
const AcademyScoring = (function () {
  "use strict";

  var EPSILON = 1e-9;

  // math.floor(value * 10000 + 0.5) / 10000
  function round4(value) {
    return Math.floor(value * 10000 + 0.5) / 10000;
  }

  // ------------------------------------------------- Python semantics helpers

  function own(object, key) {
    return object !== null && typeof object === "object" && Object.prototype.hasOwnProperty.call(object, key);
  }

  // dict.get(key): undefined when absent (also for "constructor", "__proto__" …)
  function get(object, key) {
    return own(object, key) ? object[key] : undefined;
  }

  // An own, enumerable property even for keys such as "__proto__".
  function put(object, key, value) {
    Object.defineProperty(object, key, { value: value, writable: true, enumerable: true, configurable: true });
  }

  // isinstance(value, int) and not isinstance(value, bool), for JSON input
  function isInt(value) {
    return typeof value === "number" && Number.isInteger(value);
  }

  function isNumeric(value) {
    return typeof value === "number" || typeof value === "boolean";
  }

  // Python's ==: True == 1, lists and dicts compare by value.
  function pyEqual(a, b) {
    if (isNumeric(a) && isNumeric(b)) return Number(a) === Number(b);
    if (Array.isArray(a) || Array.isArray(b)) {
      if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
      for (var i = 0; i < a.length; i++) if (!pyEqual(a[i], b[i])) return false;
      return true;
    }
    if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
      var keys = Object.keys(a);
      if (keys.length !== Object.keys(b).length) return false;
      return keys.every(function (key) {
        return own(b, key) && pyEqual(a[key], b[key]);
      });
    }
    return a === b;
  }

  // Set members as Python hashes them: 1, 1.0 and True are one member.
  function memberKey(value) {
    if (isNumeric(value)) return "n:" + Number(value);
    return "j:" + JSON.stringify(value);
  }

  // max(0.0, value): Python keeps the first argument unless the second is greater.
  function atLeastZero(value) {
    return value > 0.0 ? value : 0.0;
  }

  // sum(values) on Python 3.11: left to right, starting from 0.
  function sum(values) {
    var total = 0;
    for (var i = 0; i < values.length; i++) total = total + values[i];
    return total;
  }

  function divide(numerator, denominator) {
    if (denominator === 0) throw new RangeError("division by zero");
    return numerator / denominator;
  }

  // ------------------------------------------------------------- the rules

  // Share (0–1) of a knowledge question's points earned by `response`.
  function questionCredit(question, response) {
    var kind = question.type;
    var answer = get(question, "answer");
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
      var truth = {};
      answer.forEach(function (value) {
        truth[memberKey(value)] = true;
      });
      var chosen = {};
      var right = 0;
      var wrong = 0;
      response.forEach(function (value) {
        if (!isInt(value)) return;
        var key = memberKey(value);
        if (own(chosen, key)) return;
        put(chosen, key, true);
        if (own(truth, key)) right += 1;
        else wrong += 1;
      });
      return atLeastZero(divide(right - wrong, answer.length));
    }
    if (kind === "ordering") {
      if (!Array.isArray(response) || response.length !== answer.length) return 0.0;
      var placed = 0;
      for (var i = 0; i < response.length; i++) if (pyEqual(response[i], answer[i])) placed += 1;
      return divide(placed, answer.length);
    }
    return 0.0;
  }

  function ratingValues(question, response) {
    if (!Array.isArray(response)) return [];
    var limit = own(question, "indicators") ? question.indicators : response.length;
    var values = [];
    response.slice(0, limit === null ? undefined : limit).forEach(function (value) {
      if (isInt(value) && value >= 1 && value <= 4) values.push((value - 1) / 3);
    });
    return values;
  }

  // (dimension, level) as a map key
  function cellKey(dimension, level) {
    return JSON.stringify([dimension, level]);
  }

  function scoreAttempt(spec, responses, target) {
    if (target === undefined) target = null;
    var model = spec.model;
    var levels = model.levels;
    var dimensions = model.dimensions;
    var threshold = model.threshold;
    var weightK = model.weights.knowledge;
    var weightS = model.weights.self;
    var margin = own(model, "calibration_margin") ? model.calibration_margin : 0.2;

    var earned = new Map();
    var possible = new Map();
    var ratings = new Map();
    var questions = {};
    var totalEarned = 0.0;
    var totalPossible = 0.0;
    spec.questions.forEach(function (question) {
      var cell = cellKey(question.dimension, question.level);
      var response = get(responses, question.id);
      if (question.type === "rating") {
        var values = ratingValues(question, response);
        if (!ratings.has(cell)) ratings.set(cell, []);
        Array.prototype.push.apply(ratings.get(cell), values);
        var mean = values.length ? sum(values) / values.length : null;
        put(questions, question.id, { rating: mean === null ? null : round4(mean) });
        return;
      }
      var points = question.points;
      var got = questionCredit(question, response) * points;
      earned.set(cell, (earned.has(cell) ? earned.get(cell) : 0.0) + got);
      possible.set(cell, (possible.has(cell) ? possible.get(cell) : 0.0) + points);
      totalEarned += got;
      totalPossible += points;
      put(questions, question.id, { earned: round4(got), possible: round4(points) });
    });

    var cells = {};
    dimensions.forEach(function (dimension) {
      var row = {};
      put(cells, dimension, row);
      levels.forEach(function (level) {
        var cell = cellKey(dimension, level);
        var knowledge = possible.get(cell) ? earned.get(cell) / possible.get(cell) : null;
        var values = ratings.get(cell) || [];
        var selfRating = values.length ? sum(values) / values.length : null;
        var evidence;
        if (knowledge !== null && selfRating !== null) {
          evidence = (weightK * knowledge + weightS * selfRating) / (weightK + weightS);
        } else {
          evidence = knowledge !== null ? knowledge : selfRating;
        }
        put(row, level, {
          knowledge: knowledge === null ? null : round4(knowledge),
          self: selfRating === null ? null : round4(selfRating),
          evidence: evidence === null ? null : round4(evidence),
          passed: evidence === null ? null : evidence >= threshold - EPSILON,
        });
      });
    });

    var reached = {};
    dimensions.forEach(function (dimension) {
      var top = null;
      for (var i = 0; i < levels.length; i++) {
        if (cells[dimension][levels[i]].passed !== true) break;
        top = levels[i];
      }
      put(reached, dimension, top);
    });
    var assessed = {};
    dimensions.forEach(function (dimension) {
      put(assessed, dimension, levels.some(function (level) {
        return cells[dimension][level].evidence !== null;
      }));
    });
    var overall = null;
    var allAssessed = dimensions.every(function (dimension) {
      return assessed[dimension];
    });
    var allReached = dimensions.every(function (dimension) {
      return reached[dimension] !== null;
    });
    if (allAssessed && allReached && dimensions.length) {
      dimensions.forEach(function (dimension) {
        if (overall === null || levels.indexOf(reached[dimension]) < levels.indexOf(overall)) {
          overall = reached[dimension];
        }
      });
    }

    var calibration = {};
    dimensions.forEach(function (dimension) {
      put(calibration, dimension, calibrate(cells[dimension], levels, threshold, margin));
    });

    var gaps = [];
    if (typeof target === "string" && levels.indexOf(target) !== -1) {
      var goal = levels.indexOf(target);
      dimensions.forEach(function (dimension) {
        var top = reached[dimension];
        if (top !== null && levels.indexOf(top) >= goal) return;
        var short = [];
        levels.slice(0, goal + 1).forEach(function (level) {
          var cell = cells[dimension][level];
          if (cell.passed === true) return;
          var evidence = cell.evidence;
          short.push({
            level: level,
            status: evidence === null ? "unassessed" : "failed",
            shortfall: evidence === null ? null : round4(atLeastZero(threshold - evidence)),
          });
        });
        gaps.push({ dimension: dimension, reached: top, target: target, cells: short });
      });
    }

    return {
      questions: questions,
      knowledge: {
        earned: round4(totalEarned),
        possible: round4(totalPossible),
        share: totalPossible ? round4(totalEarned / totalPossible) : null,
      },
      cells: cells,
      reached: reached,
      assessed: assessed,
      overall: overall,
      target: target,
      gaps: gaps,
      calibration: calibration,
    };
  }

  // The ladder on one source alone ("self" or "knowledge"), on the rounded cell values.
  function ladder(row, levels, source, threshold) {
    var top = null;
    for (var i = 0; i < levels.length; i++) {
      var value = row[levels[i]][source];
      if (value === null || value < threshold - EPSILON) break;
      top = levels[i];
    }
    return top;
  }

  // Self-rating against knowledge on the cells that have both.
  function calibrate(row, levels, threshold, margin) {
    var both = levels.filter(function (level) {
      return row[level].knowledge !== null && row[level].self !== null;
    }).map(function (level) {
      return row[level];
    });
    var flag = null;
    var selfMean = null;
    var knowledgeMean = null;
    if (both.length) {
      selfMean = sum(both.map(function (cell) { return cell.self; })) / both.length;
      knowledgeMean = sum(both.map(function (cell) { return cell.knowledge; })) / both.length;
      if (selfMean - knowledgeMean >= margin - EPSILON) flag = "high";
      else if (knowledgeMean - selfMean >= margin - EPSILON) flag = "low";
      else flag = "ok";
    }
    return {
      self_level: ladder(row, levels, "self", threshold),
      knowledge_level: ladder(row, levels, "knowledge", threshold),
      self: selfMean === null ? null : round4(selfMean),
      knowledge: knowledgeMean === null ? null : round4(knowledgeMean),
      flag: flag,
    };
  }

  return Object.freeze({ scoreAttempt: scoreAttempt, questionCredit: questionCredit, round4: round4 });
})();
