// @ts-check
// The retake rule: which attempt of a quiz counts when it is taken more than
// once (the quiz's data-keep, stored with its results as `keep`). The quiz page
// and the dashboard both choose with it: the quiz page from scores it
// recomputes, the dashboard from the stored ones. Loaded with those two parts
// only, so that it costs the other pages nothing.
(function () {
  "use strict";

  const core = window.Academy && window.Academy.core;
  if (!core) return;
  const { isText, own } = core;

  /** @type {Record<string, string>} */
  const KEEP_NAMES = { best: "最好成绩", last: "最后一次", first: "第一次", average: "平均" };
  /** @type {Record<string, string>} */
  const KEEP_RULES = {
    best: "多次作答时，以知识题得分最高的一次为准（同分取较晚的一次）",
    last: "多次作答时，以最后一次为准",
    first: "多次作答时，以第一次为准",
    average: "多次作答时，知识题得分取各次平均，级别取最后一次",
  };

  /** @type {AcademyRetake["keepRule"]} */
  const keepRule = (keep) => (isText(keep) && own(KEEP_NAMES, keep) ? keep : "best");

  //   best:    the highest knowledge share; ties go to the later attempt.
  //   last / first: as named.
  //   average: the mean knowledge share is shown, and the levels, gaps and
  //            plan are the last attempt's: a mean of ladder levels has no
  //            meaning, and the last attempt is the trainee's current state.
  // share(attempt) gives the attempt's knowledge share, or null when it has none.
  /** @type {AcademyRetake["keptAttempt"]} */
  function keptAttempt(attempts, keep, share) {
    if (!attempts.length) return null;
    const shares = attempts.map((attempt) => {
      const value = share(attempt);
      return typeof value === "number" ? value : null;
    });
    const ranks = shares.map((value) => (value === null ? -1 : value));
    let index = attempts.length - 1;
    if (keep === "first") index = 0;
    if (keep === "best") index = ranks.lastIndexOf(Math.max(...ranks));
    const counted = ranks.filter((value, at) => shares[at] !== null);
    const average = counted.length ? counted.reduce((sum, value) => sum + value, 0) / counted.length : null;
    return { attempt: attempts[index], index, share: shares[index], average, count: counted.length };
  }

  window.Academy = Object.assign(window.Academy || {}, { retake: Object.freeze({ KEEP_NAMES, KEEP_RULES, keepRule, keptAttempt }) });
})();
