// @ts-check
// Learning records for an xAPI Learning Record Store (LRS). Loaded only when
// the trainer set `academy: xapi: {endpoint}` (xapi-settings.js, written by
// the build, comes first). What the pages record (academy:record events from
// academy.js and quiz.js) becomes xAPI 1.0.3 statements in a per-site outbox
// in localStorage, sent in order, with back-off while the LRS cannot be
// reached; each statement's id makes sending it again harmless. 我的学习 shows
// what waits, what was sent and the last error. The IRIs match
// plugins/academy/core/xapi.py, which `academy report --lrs` reads them with.
(function () {
  "use strict";

  const { core } = window.Academy || {};
  const given = window.AcademyXapi;
  if (!core || !given || typeof given.endpoint !== "string") return;
  /** @type {AcademyXapiSettings} */
  const settings = given;
  const { make, isRecord, isText, now, localTime, localStore } = core;

  const ADL = "http://adlnet.gov/expapi/";
  const VERBS = {
    completed: { id: ADL + "verbs/completed", display: { "zh-CN": "完成" } },
    attempted: { id: ADL + "verbs/attempted", display: { "zh-CN": "开始作答" } },
    answered: { id: ADL + "verbs/answered", display: { "zh-CN": "回答" } },
    scored: { id: ADL + "verbs/scored", display: { "zh-CN": "评定" } },
  };
  const BASE = settings.base;
  const IRI = {
    quiz: (/** @type {string} */ id) => `${BASE}xapi/quiz/${encodeURIComponent(id)}`,
    spcm: `${BASE}xapi/spcm`,
    attempt: `${BASE}xapi/attempt`,
    profile: `${BASE}xapi/profile`,
    version: `${BASE}xapi/quiz-version`,
  };
  const KEY = `academy:${settings.site}:xapi`;
  const BATCH = 20;
  const LEASE = 30000; // ms one tab may send before another takes over
  const SENT_SHOWN = 50;
  const TAB = uuid();

  // ---------------------------------------------------------------- helpers

  // RFC 4122 version 4, from getRandomValues (randomUUID needs a secure context).
  function uuid() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** @param {string} text */
  const zh = (text) => ({ "zh-CN": text || "（无标题）" });

  /** @param {unknown} actor @returns {actor is Record<string, any>} */
  const isActor = (actor) => isRecord(actor) &&
    (isText(actor.mbox) || isText(actor.mbox_sha1sum) || isText(actor.openid) ||
      (isRecord(actor.account) && isText(actor.account.homePage) && isText(actor.account.name)));

  // The site root, from this script's own address (assets/academy/xapi.js).
  const here = document.currentScript;
  const ROOT = new URL("../../", (here instanceof HTMLScriptElement && here.src) || location.href).href;

  /** @param {string} href */
  function pageIri(href) {
    const url = new URL(href, location.href);
    const path = url.href.split("#")[0].split("?")[0];
    return BASE + (path.indexOf(ROOT) === 0 ? path.slice(ROOT.length) : url.pathname.replace(/^\//, ""));
  }

  // --------------------------------------------------------------- the box

  /**
   * @typedef {{ queue: Record<string, any>[], sent: SentEntry[], failed: SentEntry[],
   *   error: { time: string, message: string } | null, anonymous: string,
   *   launch: Launch | null, lease: { tab: string, until: number } | null }} Outbox
   * @typedef {{ id: string, time: string, what: string, reason?: string }} SentEntry
   * @typedef {{ endpoint: string | null, auth: string | null, actor: Record<string, any> | null,
   *   registration: string | null }} Launch
   */

  /** @returns {Outbox} */
  const emptyBox = () => ({ queue: [], sent: [], failed: [], error: null, anonymous: uuid(), launch: null, lease: null });

  let memory = emptyBox(); // the box while storage cannot keep it
  let storageWorks = true;

  /** @returns {Outbox} */
  function read() {
    try {
      const storage = localStore();
      if (!storage) throw new Error("no storage");
      const raw = storage.getItem(KEY);
      const value = raw ? JSON.parse(raw) : null;
      if (isRecord(value) && Array.isArray(value.queue) && Array.isArray(value.sent) && isText(value.anonymous)) {
        memory = Object.assign(emptyBox(), value);
      }
      return memory;
    } catch (error) {
      storageWorks = false;
      return memory;
    }
  }

  /** @param {(box: Outbox) => void} change */
  function change(change) {
    const box = storageWorks ? read() : memory;
    change(box);
    memory = box;
    if (!storageWorks) return;
    try {
      const storage = localStore();
      if (!storage) throw new Error("no storage");
      storage.setItem(KEY, JSON.stringify(box));
    } catch (error) {
      storageWorks = false; // full or blocked: this page session keeps the box in memory
    }
  }

  // ---------------------------------------------------------------- launch

  // An LMS launches content with ?endpoint=&auth=&actor=&registration= (xAPI
  // launch). The endpoint must be the configured LRS's server; the parameters
  // are kept for the next pages and taken out of the address bar.
  function takeLaunch() {
    const params = new URLSearchParams(location.search);
    const names = ["endpoint", "auth", "actor", "registration"];
    if (!settings.launch || !names.some((name) => params.has(name))) return;
    /** @type {Launch} */
    const launch = { endpoint: null, auth: params.get("auth"), actor: null, registration: null };
    const endpoint = params.get("endpoint");
    if (endpoint && sameServer(endpoint)) launch.endpoint = endpoint.replace(/\/*$/, "/");
    try {
      const actor = JSON.parse(params.get("actor") || "null");
      launch.actor = isActor(actor) ? actor : null;
    } catch (error) {
      launch.actor = null;
    }
    const registration = params.get("registration") || "";
    launch.registration = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(registration) ? registration : null;
    change((box) => {
      box.launch = launch;
      box.error = null;
    });
    names.forEach((name) => params.delete(name));
    const query = params.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  /** @param {string} endpoint */
  function sameServer(endpoint) {
    const configured = configuredEndpoint();
    try {
      return configured !== null && new URL(endpoint).origin === new URL(configured).origin;
    } catch (error) {
      return false;
    }
  }

  // A path endpoint (/xAPI/) is on the server the site comes from; from a file share there is none.
  function configuredEndpoint() {
    if (/^https?:/i.test(settings.endpoint)) return settings.endpoint;
    return /^https?:$/.test(location.protocol) ? new URL(settings.endpoint, location.origin).href : null;
  }

  /** @param {Outbox} box */
  const endpointOf = (box) => (box.launch && box.launch.endpoint) || configuredEndpoint();

  // ------------------------------------------------------------ statements

  /** @param {Outbox} box @param {string} [name] typed into a quiz */
  function actorOf(box, name) {
    if (box.launch && box.launch.actor) return Object.assign({ objectType: "Agent" }, box.launch.actor);
    /** @type {Record<string, any>} */
    const actor = { objectType: "Agent", account: { homePage: BASE, name: box.anonymous } };
    if (name) actor.name = name;
    return actor;
  }

  /** @param {Outbox} box @param {string | null} [parent] @param {unknown} [version] */
  function context(box, parent, version) {
    /** @type {Record<string, any>} */
    const made = {
      platform: settings.course,
      language: "zh-CN",
      contextActivities: {
        grouping: [{ objectType: "Activity", id: BASE, definition: { name: zh(settings.course), type: ADL + "activities/course" } }],
      },
    };
    if (parent) made.contextActivities.parent = [{ objectType: "Activity", id: parent }];
    if (version !== undefined) made.extensions = { [IRI.version]: version };
    if (box.launch && box.launch.registration) made.registration = box.launch.registration;
    return made;
  }

  /**
   * @param {Outbox} box @param {string} name @param {keyof VERBS} verb
   * @param {Record<string, any>} object @param {string} time @returns {Record<string, any>}
   */
  function statement(box, name, verb, object, time) {
    return { id: uuid(), actor: actorOf(box, name), verb: VERBS[verb], object: Object.assign({ objectType: "Activity" }, object), timestamp: time };
  }

  /** @param {Record<string, any>} question */
  function interaction(question) {
    const types = { single: "choice", multiple: "choice", truefalse: "true-false", ordering: "sequencing" };
    /** @type {Record<string, any>} */
    const definition = {
      name: zh(question.prompt),
      type: ADL + "activities/cmi.interaction",
      interactionType: /** @type {Record<string, string>} */ (types)[question.type] || "other",
    };
    if (question.choices.length) {
      definition.choices = question.choices.map((/** @type {[string, string]} */ [id, text]) => ({ id, description: zh(text) }));
    }
    if (question.key !== undefined) definition.correctResponsesPattern = [responseText(question.key)];
    return definition;
  }

  // A response in xAPI's text form: "2", "0[,]3", "true".
  /** @param {unknown} response */
  const responseText = (response) => (Array.isArray(response) ? response.map(String).join("[,]") : String(response));

  /** @param {Record<string, any>} record */
  function quizStatements(record) {
    /** @type {Record<string, any>[]} */
    const made = [];
    change((box) => {
      const { quiz, file, score, questions, profile } = record;
      const name = file.trainee.name;
      const quizIri = IRI.quiz(quiz.id);
      const quizObject = { id: quizIri, definition: { name: zh(quiz.title), type: ADL + "activities/assessment" } };
      const started = statement(box, name, "attempted", quizObject, file.started || file.submitted);
      started.context = context(box, null, quiz.version);
      made.push(started);
      questions.forEach((/** @type {Record<string, any>} */ question) => {
        const answered = statement(box, name, "answered", { id: `${quizIri}/${encodeURIComponent(question.id)}`, definition: interaction(question) }, file.submitted);
        answered.context = context(box, quizIri, quiz.version);
        if (question.response !== undefined) {
          /** @type {Record<string, any>} */
          const result = { response: responseText(question.response) };
          if (question.possible) {
            result.score = { raw: question.earned, min: 0, max: question.possible };
            result.success = question.earned === question.possible;
          }
          answered.result = result;
        }
        made.push(answered);
      });
      const completed = statement(box, name, "completed", quizObject, file.submitted);
      /** @type {Record<string, any>} */
      const result = { completion: true, extensions: { [IRI.attempt]: file } };
      if (score && score.knowledge.possible > 0) {
        const { earned, possible } = score.knowledge;
        result.score = { raw: earned, min: 0, max: possible, scaled: Math.round((earned / possible) * 10000) / 10000 };
      }
      if (file.started) {
        const seconds = Math.max(0, Math.round((Date.parse(file.submitted) - Date.parse(file.started)) / 1000));
        if (isFinite(seconds)) result.duration = `PT${seconds}S`;
      }
      completed.result = result;
      completed.context = context(box, null, quiz.version);
      made.push(completed);
      if (profile) {
        const scored = statement(box, profile.trainee.name, "scored", { id: IRI.spcm, definition: { name: zh("SPCM 能力画像"), type: ADL + "activities/assessment" } }, file.submitted);
        scored.result = { completion: true, extensions: { [IRI.profile]: profile } };
        scored.context = context(box);
        made.push(scored);
      }
      box.queue.push(...made);
    });
    return made.length;
  }

  /** @param {Record<string, any>} record */
  function pageStatement(record) {
    change((box) => {
      const title = document.querySelector(".md-content h1");
      const done = statement(box, "", "completed", {
        id: pageIri(location.href),
        definition: { name: zh((title && title.textContent) || document.title), type: ADL + "activities/lesson" },
      }, now());
      done.result = { completion: true };
      done.context = context(box);
      if (isText(record.step)) done.context.extensions = { [`${BASE}xapi/step`]: record.step };
      box.queue.push(done);
    });
  }

  // What the dashboard lists for a sent statement.
  /** @param {Record<string, any>} sent */
  function describe(sent) {
    const verb = sent.verb && sent.verb.display ? sent.verb.display["zh-CN"] : "";
    const name = sent.object && sent.object.definition && sent.object.definition.name ? sent.object.definition.name["zh-CN"] : "";
    return `${verb}：${name}`;
  }

  // ---------------------------------------------------------------- sending

  let sending = false;
  let failures = 0;
  /** @type {number | undefined} */
  let timer;
  let batchSize = BATCH;

  /** @param {string} message */
  function failed(message) {
    failures += 1;
    change((box) => {
      box.error = { time: now(), message };
      box.lease = null;
    });
    const wait = Math.min(300000, 2000 * Math.pow(2, Math.min(failures - 1, 8)));
    schedule(wait);
    show();
  }

  /** @param {number} wait */
  function schedule(wait) {
    window.clearTimeout(timer);
    timer = window.setTimeout(flush, wait);
  }

  /** @param {Record<string, any>[]} batch @param {number} status @param {string} detail */
  function refused(batch, status, detail) {
    if (batch.length > 1) {
      batchSize = 1; // find the statement the LRS refuses, and send the others
      return flush();
    }
    change((box) => {
      box.queue = box.queue.filter((item) => item.id !== batch[0].id);
      box.failed = box.failed.concat([{ id: batch[0].id, time: now(), what: describe(batch[0]), reason: `${status} ${detail}`.trim() }]).slice(-SENT_SHOWN);
      box.lease = null;
    });
    show();
    flush();
  }

  /** @param {Record<string, any>[]} batch */
  function delivered(batch) {
    failures = 0;
    batchSize = BATCH;
    const ids = new Set(batch.map((item) => item.id));
    change((box) => {
      box.queue = box.queue.filter((item) => !ids.has(item.id));
      box.sent = box.sent.concat(batch.map((item) => ({ id: item.id, time: now(), what: describe(item) }))).slice(-SENT_SHOWN);
      box.error = null;
      box.lease = null;
    });
    show();
    flush();
  }

  function flush() {
    if (sending) return;
    const box = storageWorks ? read() : memory;
    if (!box.queue.length) return;
    const endpoint = endpointOf(box);
    if (!endpoint) return show();
    // One tab sends at a time; another tab's lease runs out if it was closed mid-send.
    if (box.lease && box.lease.tab !== TAB && box.lease.until > Date.now()) return schedule(box.lease.until - Date.now() + 100);
    change((current) => {
      current.lease = { tab: TAB, until: Date.now() + LEASE };
    });
    const batch = box.queue.slice(0, batchSize);
    /** @type {Record<string, string>} */
    const headers = { "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3" };
    if (box.launch && box.launch.auth) headers.Authorization = box.launch.auth;
    sending = true;
    fetch(endpoint + "statements", { method: "POST", headers, body: JSON.stringify(batch), credentials: "omit", cache: "no-store" })
      .then((response) => response.text().then((text) => ({ status: response.status, ok: response.ok, text })))
      .then(({ status, ok, text }) => {
        sending = false;
        if (ok) return delivered(batch);
        if (status === 400 || status === 409) return refused(batch, status, reason(text));
        if (status === 401 || status === 403) return failed(`学习记录系统拒绝了登录信息（${status}），请从学习平台重新打开本课程`);
        return failed(`学习记录系统暂时无法接收（${status}）`);
      }, () => {
        sending = false;
        failed("无法连接学习记录系统");
      });
  }

  /** @param {string} text */
  function reason(text) {
    try {
      const body = JSON.parse(text);
      return isRecord(body) && body.detail ? String(JSON.stringify(body.detail)).slice(0, 200) : "";
    } catch (error) {
      return text.slice(0, 200);
    }
  }

  // ---------------------------------------------------------------- showing

  /** @param {Outbox} box */
  function pendingText(box) {
    if (!box.queue.length) return box.sent.length ? "全部学习记录已上传。" : "还没有要上传的学习记录。";
    return `${box.queue.length} 条记录待上传` + (endpointOf(box) ? "，学习记录系统可以连接时会自动上传。" : "：从文件夹打开的课程无法上传，请从课程网址打开。");
  }

  const FALLBACK = "浏览器存储不可用：待上传的学习记录在关闭页面后不会保留。请在测验结果下点击“导出结果”（考核测验的答卷已自动下载），把文件交给培训师。";

  // 我的学习: what waits, the last error, what was sent and to whom.
  /** @param {HTMLElement} dashboard */
  function renderDashboard(dashboard) {
    let section = dashboard.querySelector("[data-academy-xapi]");
    if (!section) {
      section = make("section", null, { class: "academy-xapi", "data-academy-xapi": "", "aria-labelledby": "academy-xapi-title" });
      dashboard.append(section);
    }
    const box = storageWorks ? read() : memory;
    section.textContent = "";
    section.append(make("h2", "学习记录上传", { id: "academy-xapi-title" }));
    section.append(make("p", pendingText(box), { class: "academy-xapi__pending", role: "status", "data-academy-xapi-pending": String(box.queue.length) }));
    if (!storageWorks) section.append(make("p", FALLBACK, { class: "academy-notice" }));
    if (box.error && box.queue.length) {
      section.append(make("p", `上次上传失败（${localTime(box.error.time)}）：${box.error.message}`, { class: "academy-xapi__error", "data-academy-xapi-error": "" }));
    }
    const endpoint = endpointOf(box);
    const who = box.launch && box.launch.actor ? (box.launch.actor.name || "学习平台提供的身份") : "本浏览器的匿名编号（测验中填写的姓名会一同发送）";
    section.append(make("p", `发送到：${endpoint ? new URL(endpoint).host : "（未连接）"}；学员身份：${who}。`, { class: "academy-xapi__privacy" }));
    list(section, "已上传的记录（最近 " + SENT_SHOWN + " 条）", box.sent, "data-academy-xapi-sent");
    list(section, "被学习记录系统拒绝的记录", box.failed, "data-academy-xapi-failed");
  }

  /** @param {Element} section @param {string} title @param {SentEntry[]} entries @param {string} marker */
  function list(section, title, entries, marker) {
    if (!entries.length) return;
    const details = make("details", null, { class: "academy-xapi__list", [marker]: "" });
    details.append(make("summary", `${title}：${entries.length} 条`));
    const items = make("ul");
    entries.slice().reverse().forEach((entry) => {
      items.append(make("li", `${localTime(entry.time)} ${entry.what}` + (entry.reason ? `（${entry.reason}）` : "")));
    });
    details.append(items);
    section.append(details);
  }

  // Under a quiz's result: whether the attempt reached the LRS.
  /** @param {HTMLElement} result */
  function renderQuizNote(result) {
    let note = result.querySelector("[data-academy-xapi-note]");
    if (!note) {
      note = make("p", null, { class: "academy-xapi__note", role: "status", "data-academy-xapi-note": "" });
      result.append(note);
    }
    const box = storageWorks ? read() : memory;
    if (!storageWorks && box.queue.length) note.textContent = FALLBACK;
    else if (box.queue.length) note.textContent = "本次作答已记录，" + pendingText(box);
    else note.textContent = "本次作答已上传到学习记录系统。";
  }

  /** @type {HTMLElement | null} */
  let lastResult = null;

  function show() {
    document.querySelectorAll("[data-academy='dashboard']").forEach((dashboard) => {
      if (dashboard instanceof HTMLElement) renderDashboard(dashboard);
    });
    if (lastResult && lastResult.isConnected) renderQuizNote(lastResult);
  }

  // ------------------------------------------------------------------ start

  document.addEventListener("academy:record", (event) => {
    const record = event instanceof CustomEvent && isRecord(event.detail) ? event.detail : null;
    if (!record) return;
    if (record.kind === "page") pageStatement(record);
    else if (record.kind === "quiz" && isRecord(record.file)) {
      quizStatements(record);
      lastResult = record.box instanceof HTMLElement ? record.box : null;
    } else return;
    show();
    flush();
  });
  window.addEventListener("online", () => {
    failures = 0;
    flush();
  });
  takeLaunch();
  read();
  const onPage = () => {
    lastResult = null;
    show();
    flush();
  };
  if (typeof document$ !== "undefined") document$.subscribe(onPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
  else onPage();
})();
