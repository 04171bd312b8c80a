// @ts-check
// The learning log: one entry of answers to the reflection questions per day,
// kept with the rest of the learning data, exported as Markdown or JSON.
// Loaded by academy.js on pages that have a learning log.
(function () {
  "use strict";

  const core = window.Academy && window.Academy.core;
  if (!core) return;
  const { all, make, now, today, download, DAY, load, update, pagePrimaryPath } = core;

  // ----------------------------------------------------------- learning log

  /** @type {Mounter} */
  function mountLearningLog(root, store) {
    const form = root.querySelector("[data-academy-log-form]");
    const entries = root.querySelector("[data-academy-log-entries]");
    if (!(form instanceof HTMLFormElement)) return () => {};
    const date = /** @type {HTMLInputElement} */ (form.elements.namedItem("date"));
    const fields = /** @type {HTMLTextAreaElement[]} */ (all(form, "textarea"));
    const questions = fields.map((field, index) =>
      field.labels && field.labels[0] ? field.labels[0].textContent || "" : `问题 ${index + 1}`);
    const status = form.querySelector("[data-academy-log-status]") || make("p");
    const fill = () => {
      const entry = store.data.log[date.value];
      fields.forEach((field, index) => {
        field.value = entry ? entry.answers[index] || "" : "";
      });
    };
    if (!date.value) date.value = today();
    fill();
    date.addEventListener("change", fill);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      saveLogEntry(store, date.value, fields, status);
    });
    root.addEventListener("click", (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const exporter = target && target.closest("[data-academy-log-export]");
      if (exporter instanceof HTMLElement) exportLog(store, questions, exporter.dataset.academyLogExport, status);
      if (target && target.closest("[data-academy-print]")) window.print();
    });
    return function render() {
      if (entries) renderLogEntries(entries, store.data.log, questions);
    };
  }

  /** @param {Store} store @param {string} day @param {HTMLTextAreaElement[]} fields @param {Element} status */
  function saveLogEntry(store, day, fields, status) {
    const answers = fields.map((field) => field.value);
    if (!DAY.test(day)) {
      status.textContent = "请先选择日期。";
      return;
    }
    if (!answers.some((answer) => answer.trim())) {
      status.textContent = "请至少回答一个问题再保存。";
      return;
    }
    // Writing the log completes the page's reflection step, if it is one.
    const primary = pagePrimaryPath(store);
    const step = (primary && primary.dataset.step) || "";
    const reflection = step.startsWith("reflection:") ? step : null;
    update(store, (data) => {
      data.log[day] = { answers, updated: now() };
      if (reflection && !data.done[reflection]) data.done[reflection] = now();
    });
    status.textContent = `已保存 ${day} 的日志。`;
  }

  /** @param {Record<string, LogEntry>} log */
  const logDays = (log) => Object.keys(log).sort().reverse();
  /** @param {string[]} questions @param {number} index */
  const question = (questions, index) => questions[index] || `问题 ${index + 1}`;

  /** @param {Element} container @param {Record<string, LogEntry>} log @param {string[]} questions */
  function renderLogEntries(container, log, questions) {
    container.textContent = "";
    const days = logDays(log);
    if (!days.length) container.append(make("p", "还没有日志。"));
    days.forEach((day) => {
      const article = make("article", null, { class: "academy-log__entry" });
      article.append(make("h3", day));
      log[day].answers.forEach((answer, index) => {
        article.append(make("h4", question(questions, index)));
        article.append(make("p", answer || "（未填写）", { class: "academy-log__answer" }));
      });
      container.append(article);
    });
  }

  /** @param {Store} store @param {string[]} questions @param {string | undefined} format @param {Element} status */
  function exportLog(store, questions, format, status) {
    load(store);
    const log = store.data.log;
    const days = logDays(log);
    if (!days.length) {
      status.textContent = "还没有日志可以导出。";
      return;
    }
    const name = `学习日志-${today()}.${format === "json" ? "json" : "md"}`;
    if (format === "json") {
      const entries = days.map((day) => ({ date: day, answers: log[day].answers, updated: log[day].updated }));
      download(name, JSON.stringify({ questions, entries }, null, 2) + "\n", "application/json");
    } else {
      const lines = ["# 学习日志", ""];
      days.forEach((day) => {
        lines.push(`## ${day}`, "");
        log[day].answers.forEach((answer, index) => {
          lines.push(`### ${question(questions, index)}`, "", answer || "（未填写）", "");
        });
      });
      download(name, lines.join("\n"), "text/markdown;charset=utf-8");
    }
    status.textContent = "已导出：" + name;
  }

  core.register("learning-log", mountLearningLog);
})();
