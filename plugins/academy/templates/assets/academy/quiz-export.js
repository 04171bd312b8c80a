// @ts-check
// The files a quiz page hands out, in one envelope: "academy-result" (a
// practice attempt with its score, for the trainee's own records) and
// "academy-response" (an assessed attempt's answers with their checksum, which
// the trainer grades with `academy score`; scoring/result_files.py reads both),
// and the printable receipt of a response.
(function () {
  "use strict";

  const { core, quizResult } = window.Academy || {};
  if (!core || !quizResult) return;
  const { make, isRecord, localDay, localTime, download } = core;
  const { startBox, finishBox } = quizResult;
  const SCHEMA = 1; // of the two file formats

  // Code-point order, as Python's sorted() orders the keys of the answers.
  /** @param {string} a @param {string} b */
  function byCodePoint(a, b) {
    const x = Array.from(a);
    const y = Array.from(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const d = /** @type {number} */ (x[i].codePointAt(0)) - /** @type {number} */ (y[i].codePointAt(0));
      if (d) return d;
    }
    return x.length - y.length;
  }

  // results.answers_checksum: FNV-1a (32 bit) over the UTF-8 bytes of
  // JSON.stringify([quiz id, version, [[key, value] for keys sorted]]), 8 hex digits.
  // Python writes that JSON with ensure_ascii=False and no spaces: the same text.
  /** @param {string} quizId @param {QuizVersion} version @param {Responses} answers */
  function answersChecksum(quizId, version, answers) {
    const pairs = Object.keys(answers).sort(byCodePoint).map((key) => [key, answers[key]]);
    const bytes = new TextEncoder().encode(JSON.stringify([quizId, version, pairs]));
    let value = 0x811c9dc5;
    for (let i = 0; i < bytes.length; i++) {
      value = Math.imul(value ^ bytes[i], 0x01000193) >>> 0;
    }
    return ("00000000" + value.toString(16)).slice(-8);
  }

  /** @param {Attempt} attempt @returns {Responses} */
  const answersOf = (attempt) => (isRecord(attempt.answers) ? attempt.answers : {});

  /** @param {string} format @param {Quiz} quiz @param {Attempt} attempt */
  function envelope(format, quiz, attempt) {
    return {
      format,
      schema: SCHEMA,
      site: quiz.build,
      quiz: { id: quiz.id, version: quiz.version },
      trainee: { name: typeof attempt.name === "string" ? attempt.name : "" },
      role: attempt.role == null ? null : attempt.role,
      started: attempt.started == null ? null : attempt.started,
      submitted: attempt.submitted,
      answers: answersOf(attempt),
    };
  }

  // "答卷-<quiz>-<day of submission>.json" (today when the time is unreadable)
  /** @param {string} kind @param {Quiz} quiz @param {Attempt} attempt */
  function fileName(kind, quiz, attempt) {
    const date = new Date(attempt.submitted);
    return `${kind}-${quiz.id}-${localDay(isNaN(date.getTime()) ? new Date() : date)}.json`;
  }

  /** @param {string} name @param {object} file */
  const downloadJson = (name, file) => download(name, JSON.stringify(file, null, 2) + "\n", "application/json");

  /** @param {Quiz} quiz @param {Attempt} attempt */
  const responseName = (quiz, attempt) => fileName("答卷", quiz, attempt);

  /** @param {Quiz} quiz @param {Attempt} attempt */
  const responseFile = (quiz, attempt) =>
    Object.assign(envelope("academy-response", quiz, attempt), { checksum: answersChecksum(quiz.id, quiz.version, answersOf(attempt)) });

  /** @param {Quiz} quiz @param {Attempt} attempt @param {Score} score */
  const resultFile = (quiz, attempt, score) => Object.assign(envelope("academy-result", quiz, attempt), { score });

  // What the trainer grades; returns the file's name.
  /** @param {Quiz} quiz @param {Attempt} attempt */
  function downloadResponse(quiz, attempt) {
    const name = responseName(quiz, attempt);
    downloadJson(name, responseFile(quiz, attempt));
    return name;
  }

  /** @param {Quiz} quiz @param {Attempt} attempt @param {Score} score */
  function downloadResult(quiz, attempt, score) {
    const name = fileName("测验结果", quiz, attempt);
    downloadJson(name, resultFile(quiz, attempt, score));
    return name;
  }

  // The printable receipt of an assessed quiz: no score, no correctness.
  /**
   * @param {HTMLElement} box @param {Quiz} quiz @param {Attempt} attempt @param {boolean} restored
   * @param {{ answered: number, total: number }} count
   */
  function renderReceipt(box, quiz, attempt, restored, count) {
    startBox(box, "receipt", "答卷回执" + (quiz.title ? "：" + quiz.title : ""));
    box.classList.add("academy-receipt");
    if (restored) box.append(make("p", "上次提交于 " + localTime(attempt.submitted), { class: "academy-result__restored" }));
    box.append(make("p", "答卷文件“" + responseName(quiz, attempt) + "”已下载。请把它交给培训师评分；本页不显示对错和得分。", {
      class: "academy-receipt__note",
    }));
    const checksum = answersChecksum(quiz.id, quiz.version, answersOf(attempt));
    const list = make("dl", null, { class: "academy-receipt__facts" });
    [
      ["测验", quiz.title || quiz.id],
      ["版本", "第 " + quiz.version + " 版"],
      ["姓名", attempt.name ? String(attempt.name) : "（未填写）"],
      ["提交时间", localTime(attempt.submitted)],
      ["已作答", count.answered + "/" + count.total + " 题"],
    ].forEach(([term, value]) => list.append(make("dt", term), make("dd", value)));
    list.append(make("dt", "校验码"));
    const code = make("dd");
    code.append(make("code", checksum, { class: "academy-receipt__checksum", "data-academy-checksum": "" }));
    list.append(code);
    box.append(list);
    box.append(make("p", "校验码由答卷内容计算得出：培训师评分时会核对，答卷被修改过就对不上。", { class: "academy-receipt__hint" }));
    finishBox(box, [["打印回执", "data-academy-print"], ["再次下载答卷", "data-academy-response"], ["重新作答", "data-academy-retake"]]);
  }

  window.Academy = Object.assign(window.Academy || {}, { quizExport: Object.freeze({
    answersChecksum, responseFile, resultFile, downloadResponse, downloadResult, renderReceipt,
  }) });
})();
