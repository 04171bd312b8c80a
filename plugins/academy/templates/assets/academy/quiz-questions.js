// @ts-check
// A quiz's questions in the page: their display order (shuffled per attempt
// when the quiz asks for it), reading and restoring the answers, moving
// ordering items, locking the form, and the feedback per question after a
// submit, and what a learning record says of each answer. quiz.js runs the
// attempts; this file knows the markup of a question.

/**
 * One question's fieldset and the nodes we work with.
 * @typedef {{ id: string, spec: QuestionSpec | null, type: string, fieldset: HTMLFieldSetElement,
 *   options: HTMLElement | null, list: HTMLElement | null, feedback: HTMLElement | null,
 *   initialItems: number[] }} Question
 */
(function () {
  "use strict";

  const { core, scoring, quizResult } = window.Academy || {};
  if (!core || !scoring || !quizResult) return;
  const { make, all, isRecord, own, pick } = core;
  const { questionCredit } = scoring;
  const { percent } = quizResult;
  const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  // ---------------------------------------------------------------- helpers

  /** @template T @param {T[]} list */
  function shuffled(list) {
    const copy = list.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /** @param {unknown} order @param {number[]} values @returns {order is number[]} */
  function isPermutation(order, values) {
    if (!Array.isArray(order) || order.length !== values.length) return false;
    const sorted = order.slice().sort();
    const wanted = values.slice().sort();
    return sorted.every((value, index) => value === wanted[index]);
  }

  const reducedMotion = () => Boolean(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);

  /** @param {ParentNode} root @param {string} selector */
  const inputs = (root, selector) => /** @type {HTMLInputElement[]} */ (all(root, selector));

  // -------------------------------------------------------------- questions

  /** @param {HTMLFormElement} form @param {Quiz} quiz @returns {Question[]} */
  function readQuestions(form, quiz) {
    return all(form, "fieldset.academy-q[data-question]").map((fieldset) => {
      const id = fieldset.dataset.question || "";
      return {
        id,
        spec: own(quiz.byId, id) ? quiz.byId[id] : null,
        type: fieldset.dataset.type || "",
        fieldset: /** @type {HTMLFieldSetElement} */ (fieldset),
        options: fieldset.querySelector(".academy-q__options"),
        list: fieldset.querySelector("[data-academy-order]"),
        feedback: fieldset.querySelector("[data-academy-feedback]"),
        initialItems: all(fieldset, "[data-academy-order] > li[data-item]").map((item) => Number(item.dataset.item)),
      };
    });
  }

  /** @param {Question} question */
  const optionLabels = (question) => (question.options ? all(question.options, ":scope > label.academy-q__option") : []);
  /** @param {Question} question */
  const items = (question) => (question.list ? all(question.list, ":scope > li[data-item]") : []);
  /** @param {Question} question */
  const isChoice = (question) => question.type === "single" || question.type === "multiple";

  /** @param {Element} item */
  function itemText(item) {
    const text = item.querySelector(".academy-q__item-text");
    return ((text ? text.textContent : item.textContent) || "").trim();
  }

  /** @param {Element} label */
  function optionValue(label) {
    const input = label.querySelector("input");
    return input ? input.value : "";
  }

  // ----------------------------------------------------------- display order

  /** @param {Question} question */
  function letterOptions(question) {
    if (!isChoice(question)) return;
    optionLabels(question).forEach((label, index) => {
      let letter = label.querySelector(".academy-q__letter");
      if (!letter) {
        letter = make("span", null, { class: "academy-q__letter" });
        const input = label.querySelector("input");
        label.insertBefore(letter, input ? input.nextSibling : label.firstChild);
      }
      letter.textContent = (LETTERS[index] || String(index + 1)) + ".";
    });
  }

  // Moves the nodes into `order`, given by their keys.
  /** @param {HTMLElement | null} parent @param {HTMLElement[]} nodes @param {(node: HTMLElement) => string} keyOf @param {number[]} order */
  function arrange(parent, nodes, keyOf, order) {
    /** @type {Record<string, HTMLElement>} */
    const byKey = {};
    nodes.forEach((node) => {
      byKey[keyOf(node)] = node;
    });
    order.forEach((value) => /** @type {HTMLElement} */ (parent).appendChild(byKey[String(value)]));
  }

  /** @param {Question} question @param {number[]} order */
  const setOptionOrder = (question, order) => arrange(question.options, optionLabels(question), optionValue, order);
  /** @param {Question} question @param {number[]} order */
  const setItemOrder = (question, order) => arrange(question.list, items(question), (item) => item.dataset.item || "", order);

  /** @param {Question} question */
  function currentOrder(question) {
    if (isChoice(question)) return optionLabels(question).map((label) => Number(optionValue(label)));
    if (question.type === "ordering") return items(question).map((item) => Number(item.dataset.item));
    return null;
  }

  /** @param {QuizState} state */
  function numberQuestions(state) {
    all(state.form, "fieldset.academy-q[data-question]").forEach((fieldset, index) => {
      const label = fieldset.querySelector(".academy-q__number");
      if (label) label.textContent = "第 " + (index + 1) + " 题";
    });
  }

  // A new attempt's layout: the server's order, or a fresh shuffle.
  /** @param {QuizState} state */
  function layOut(state) {
    const shuffle = state.quiz.shuffle;
    if (shuffle) {
      const anchor = state.form.querySelector(".academy-quiz__name") || state.form.querySelector("button[type=submit]");
      shuffled(state.questions).forEach((question) => state.form.insertBefore(question.fieldset, anchor));
      numberQuestions(state);
    }
    state.order = {};
    state.questions.forEach((question) => {
      if (isChoice(question)) {
        if (shuffle) setOptionOrder(question, shuffled(/** @type {number[]} */ (currentOrder(question)).sort()));
      } else if (question.type === "ordering") {
        let order = question.initialItems;
        if (shuffle && order.length > 1) {
          do order = shuffled(order); while (order.every((value, index) => value === index));
        }
        setItemOrder(question, order);
      }
      letterOptions(question);
      const shown = currentOrder(question);
      if (shown) state.order[question.id] = shown;
    });
  }

  // ----------------------------------------------------------------- answers

  /** @param {Question} question @returns {unknown} */
  function responseOf(question) {
    const checked = inputs(question.fieldset, ".academy-q__options input:checked");
    if (question.type === "single") {
      const chosen = checked[0];
      return chosen ? Number(chosen.value) : undefined;
    }
    if (question.type === "multiple") {
      const values = checked.map((input) => Number(input.value));
      return values.length ? values.sort((a, b) => a - b) : undefined;
    }
    if (question.type === "truefalse") {
      const picked = checked[0];
      return picked ? picked.value === "true" : undefined;
    }
    if (question.type === "ordering") return currentOrder(question);
    if (question.type === "rating") {
      const ratings = all(question.fieldset, ".academy-q__rating").map((row) => {
        const input = row.querySelector("input:checked");
        return input instanceof HTMLInputElement ? Number(input.value) : null;
      });
      return ratings.some((value) => value !== null) ? ratings : undefined;
    }
    return undefined;
  }

  /** @param {QuizState} state @returns {Responses} */
  function collect(state) {
    /** @type {Responses} */
    const answers = {};
    state.questions.forEach((question) => {
      if (!question.spec) return;
      const response = responseOf(question);
      if (response !== undefined) answers[question.id] = response;
    });
    return answers;
  }

  // Put one stored answer back into its question (`shown`: the stored option order).
  /** @param {Question} question @param {unknown} response @param {unknown} shown */
  function restoreAnswer(question, response, shown) {
    if (isChoice(question)) {
      if (isPermutation(shown, /** @type {number[]} */ (currentOrder(question)))) setOptionOrder(question, shown);
      letterOptions(question);
      const chosen = question.type === "single" ? [response] : Array.isArray(response) ? response : [];
      optionLabels(question).forEach((label) => {
        const input = label.querySelector("input");
        if (input) input.checked = chosen.indexOf(Number(input.value)) !== -1;
      });
    } else if (question.type === "truefalse") {
      inputs(question.fieldset, ".academy-q__options input").forEach((input) => {
        input.checked = typeof response === "boolean" && input.value === String(response);
      });
    } else if (question.type === "ordering") {
      if (isPermutation(response, question.initialItems)) setItemOrder(question, response);
    } else if (question.type === "rating") {
      const values = Array.isArray(response) ? response : [];
      all(question.fieldset, ".academy-q__rating").forEach((row, index) => {
        inputs(row, "input").forEach((input) => {
          input.checked = Number(input.value) === values[index];
        });
      });
    }
  }

  // Put a stored attempt's answers back into the form.
  /** @param {QuizState} state @param {Attempt} attempt */
  function restoreAnswers(state, attempt) {
    const answers = isRecord(attempt.answers) ? attempt.answers : {};
    const order = isRecord(attempt.order) ? attempt.order : {};
    state.order = {};
    state.questions.forEach((question) => {
      const shown = pick(order, question.id);
      restoreAnswer(question, pick(answers, question.id), shown);
      const now = currentOrder(question);
      if (now) state.order[question.id] = isPermutation(shown, now) ? shown : now;
    });
  }

  // ---------------------------------------------------------------- feedback

  /** @template {Element} T @param {T} node */
  function added(node) {
    node.setAttribute("data-academy-added", "");
    return node;
  }

  /** @param {number} credit @param {boolean} answered @param {number} earned @param {number} possible */
  function verdict(credit, answered, earned, possible) {
    if (!answered) return { kind: "wrong", icon: "✗", text: "回答错误（未作答）" };
    if (credit >= 1) return { kind: "right", icon: "✓", text: "回答正确" };
    if (credit <= 0) return { kind: "wrong", icon: "✗", text: "回答错误" };
    return { kind: "partial", icon: "◐", text: "部分正确（得分率 " + percent(earned / possible) + "）" };
  }

  /** @param {string} kind @param {string} text */
  const mark = (kind, text) => added(make("span", text, { class: "academy-q__mark academy-q__mark--" + kind }));

  // "✓ 你的选择，正确", "✓ 正确答案" or "✗ 你的选择，错误" after an option, or nothing.
  /** @param {Element} label @param {boolean} right @param {boolean} picked */
  function markOption(label, right, picked) {
    if (right && picked) label.appendChild(mark("right", "✓ 你的选择，正确"));
    else if (right) label.appendChild(mark("right", "✓ 正确答案"));
    else if (picked) label.appendChild(mark("wrong", "✗ 你的选择，错误"));
  }

  // A clean copy of server-rendered content (no duplicate ids).
  /** @param {Node} node */
  function cloneContent(node) {
    const copy = node.cloneNode(true);
    if (copy instanceof Element) {
      copy.removeAttribute("id");
      all(copy, "[id]").forEach((inner) => inner.removeAttribute("id"));
    }
    return copy;
  }

  // Marks the options and returns the line that gives the right answer.
  /** @param {Question} question @param {QuestionSpec} spec @param {unknown} response */
  function answerSummary(question, spec, response) {
    /** @type {unknown[]} */
    const answer = Array.isArray(spec.answer) ? spec.answer : [spec.answer];
    const summary = added(make("p", null, { class: "academy-q__answer" }));
    if (spec.type === "single" || spec.type === "multiple") {
      /** @type {unknown[]} */
      const chosen = spec.type === "single" ? [response] : Array.isArray(response) ? response : [];
      /** @type {string[]} */
      const letters = [];
      optionLabels(question).forEach((label, index) => {
        const value = Number(optionValue(label));
        const right = answer.indexOf(value) !== -1;
        if (right) letters.push(LETTERS[index] || String(index + 1));
        markOption(label, right, chosen.indexOf(value) !== -1);
      });
      summary.textContent = "正确答案：" + letters.join("、");
    } else if (spec.type === "truefalse") {
      all(question.fieldset, ".academy-q__options label").forEach((label) => {
        const input = label.querySelector("input");
        if (input) markOption(label, input.value === String(spec.answer), input.checked);
      });
      summary.textContent = "正确答案：" + (spec.answer === true ? "正确" : "错误");
    } else if (spec.type === "ordering") {
      summary.textContent = "正确顺序：";
      summary.appendChild(rightSequence(question, /** @type {number[]} */ (answer)));
    }
    return summary;
  }

  // Marks each item's position and returns the items in the right order.
  /** @param {Question} question @param {number[]} answer */
  function rightSequence(question, answer) {
    /** @type {Record<string, HTMLElement>} */
    const byItem = {};
    items(question).forEach((item, index) => {
      byItem[item.dataset.item || ""] = item;
      const want = answer.indexOf(Number(item.dataset.item));
      item.appendChild(want === index ? mark("right", "✓ 位置正确") : mark("wrong", "✗ 应为第 " + (want + 1) + " 项"));
    });
    const sequence = added(make("ol", null, { class: "academy-q__sequence" }));
    answer.forEach((value) => {
      const item = byItem[String(value)];
      const entry = make("li");
      const text = item && item.querySelector(".academy-q__item-text");
      if (text) text.childNodes.forEach((child) => entry.appendChild(cloneContent(child)));
      sequence.appendChild(entry);
    });
    return sequence;
  }

  /** @param {Question} question @param {unknown} response @param {Score} score */
  function showFeedback(question, response, score) {
    const spec = question.spec;
    if (!spec) return null;
    question.fieldset.classList.remove("academy-q--right", "academy-q--partial", "academy-q--wrong");
    if (spec.type === "rating") return null;
    const credit = questionCredit(spec, response === undefined ? null : response);
    const result = pick(score.questions, question.id) || { earned: 0, possible: spec.points };
    const outcome = verdict(credit, response !== undefined, result.earned, result.possible);
    question.fieldset.classList.add("academy-q--" + outcome.kind);
    const summary = answerSummary(question, spec, response);
    const head = added(make("p", null, { class: "academy-q__verdict academy-q__verdict--" + outcome.kind }));
    head.appendChild(make("span", outcome.icon, { class: "academy-q__icon", "aria-hidden": "true" }));
    head.appendChild(document.createTextNode(" " + outcome.text));
    if (question.feedback) {
      question.feedback.insertBefore(summary, question.feedback.firstChild);
      question.feedback.insertBefore(head, summary);
      question.feedback.hidden = false;
    }
    return outcome;
  }

  /** @param {QuizState} state */
  function clearFeedback(state) {
    all(state.root, "[data-academy-added]").forEach((node) => node.remove());
    state.questions.forEach((question) => {
      question.fieldset.classList.remove("academy-q--right", "academy-q--partial", "academy-q--wrong");
      if (question.feedback) question.feedback.hidden = true;
    });
  }

  /** @param {QuizState} state @param {boolean} locked */
  function lock(state, locked) {
    state.questions.forEach((question) => {
      question.fieldset.disabled = locked;
    });
    inputs(state.form, ".academy-quiz__name input").forEach((input) => {
      input.disabled = locked;
    });
    const submit = state.form.querySelector("button[type=submit]");
    if (submit instanceof HTMLElement) submit.hidden = locked;
    state.root.classList.toggle("academy-quiz--submitted", locked);
  }

  // Moves an ordering item one place up or down (button[data-move]) and
  // returns what to announce, or null when its question is locked.
  /** @param {HTMLElement} button */
  function move(button) {
    const item = button.closest("li[data-item]");
    const list = item && item.parentElement;
    const fieldset = button.closest("fieldset");
    if (!item || !list || (fieldset && fieldset.disabled)) return null;
    const up = button.dataset.move === "up";
    const sibling = up ? item.previousElementSibling : item.nextElementSibling;
    const text = itemText(item);
    if (sibling) {
      list.insertBefore(item, up ? sibling : sibling.nextElementSibling);
      button.focus();
      if (!reducedMotion()) {
        item.classList.remove("academy-q__item--moved");
        void (/** @type {HTMLElement} */ (item).offsetWidth); // restarts the animation
        item.classList.add("academy-q__item--moved");
      }
    }
    const position = Array.prototype.indexOf.call(list.children, item) + 1;
    if (sibling) return "「" + text + "」现在是第 " + position + " 项";
    return "「" + text + "」已经是第 " + position + " 项，无法再" + (up ? "上移" : "下移");
  }

  // ---------------------------------------------------------- for the record

  /** @param {Element | null} node */
  const textOf = (node) => ((node && node.textContent) || "").replace(/\s+/g, " ").trim();

  // An option's own text: without the letter and the feedback marks added here.
  /** @param {Element} label */
  const optionText = (label) => textOf(label.querySelector(":scope > span:not(.academy-q__letter):not(.academy-q__mark)"));

  // Each question as the page shows it, with the response and (practice) its
  // points and key: what a learning record says about one answer (xapi.js).
  // Options and items in their own order, whatever order they are shown in.
  /** @param {Question[]} questions @param {Responses} answers @param {Score | null} score @returns {QuestionRecord[]} */
  function questionRecords(questions, answers, score) {
    return questions.filter((question) => question.spec).map((question) => {
      /** @type {[string, string][]} */
      const choices = isChoice(question)
        ? optionLabels(question).map((label) => [optionValue(label), optionText(label)])
        : items(question).map((item) => [item.dataset.item || "", itemText(item).replace(/\s+/g, " ")]);
      choices.sort((a, b) => Number(a[0]) - Number(b[0]));
      const rows = all(question.fieldset, ".academy-q__rating p").map(textOf);
      const prompt = textOf(question.fieldset.querySelector(".academy-q__prompt")) + (rows.length ? " " + rows.join("；") : "");
      const points = score ? score.questions[question.id] : undefined;
      const spec = /** @type {QuestionSpec} */ (question.spec);
      /** @type {QuestionRecord} */
      const made = { id: question.id, type: question.type, prompt, choices, response: answers[question.id] };
      if (points && "possible" in points) Object.assign(made, { earned: points.earned, possible: points.possible });
      if (spec.answer !== undefined && spec.answer !== null) made.key = spec.answer;
      return made;
    });
  }

  window.Academy = Object.assign(window.Academy || {}, { quizQuestions: Object.freeze({
    readQuestions, layOut, collect, restoreAnswers, showFeedback, clearFeedback, lock, move, reducedMotion,
    questionRecords,
  }) });
})();
