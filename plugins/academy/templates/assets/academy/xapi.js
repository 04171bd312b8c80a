// @ts-check
// Learning records for an xAPI Learning Record Store (LRS). Loaded only when
// the trainer set `academy: xapi: {endpoint}` (xapi-settings.js, written by
// the build, comes first). What the pages record (academy:record events from
// academy.js and quiz.js) becomes xAPI 1.0.3 statements in a per-site outbox
// in localStorage, sent in order, with back-off while the LRS cannot be
// reached; each statement's id makes sending it again harmless. A statement
// the LRS refuses is kept, to be sent again from 我的学习, which shows what
// waits, what was sent, what was refused and the last error. An LMS's launch
// (endpoint, auth, actor, registration) lasts for the tab's session. The IRIs
// match plugins/academy/core/xapi.py, which `academy report --lrs` reads.
(function () {
  "use strict";

  const { core } = window.Academy || {};
  const given = window.AcademyXapi;
  if (!core || !given || typeof given.endpoint !== "string") return;
  /** @type {AcademyXapiSettings} */
  const settings = given;
  const { all, make, isRecord, isText, now, localTime, localStore } = core;

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
  const LAUNCH_KEY = `${KEY}:launch`;
  const BATCH = 20;
  const TIMEOUT = 30000; // ms a request may take
  const LEASE = TIMEOUT + 10000; // ms one page may send before another takes over
  const SENT_SHOWN = 50;
  // The outbox shares the site's storage with the learning data: past this many
  // characters, new records are not queued and the trainee is told to export.
  const MAX_QUEUE = 2000000;
  const PAGE = uuid(); // holds the lease while this page sends
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

  /** @param {unknown} value */
  function isWebAddress(value) {
    try {
      return isText(value) && /^https?:$/.test(new URL(value).protocol);
    } catch (error) {
      return false;
    }
  }

  // A launch's actor as xAPI defines an Agent: exactly one identifier, well formed;
  // only the Agent's own fields are kept.
  /** @param {unknown} actor @returns {Record<string, any> | null} */
  function agentOf(actor) {
    if (!isRecord(actor) || (actor.objectType !== undefined && actor.objectType !== "Agent")) return null;
    if (actor.name !== undefined && !isText(actor.name)) return null;
    const account = actor.account;
    /** @type {[string, boolean][]} */
    const identifiers = [
      ["mbox", isText(actor.mbox) && /^mailto:[^@\s]+@[^@\s]+$/.test(actor.mbox)],
      ["mbox_sha1sum", isText(actor.mbox_sha1sum) && /^[0-9a-f]{40}$/i.test(actor.mbox_sha1sum)],
      ["openid", isWebAddress(actor.openid)],
      ["account", isRecord(account) && isWebAddress(account.homePage) && isText(account.name) && account.name !== ""],
    ];
    const given = identifiers.filter(([field]) => actor[field] !== undefined);
    if (given.length !== 1 || !given[0][1]) return null;
    const field = given[0][0];
    /** @type {Record<string, any>} */
    const agent = { objectType: "Agent", [field]: field === "account" ? { homePage: account.homePage, name: account.name } : actor[field] };
    if (actor.name) agent.name = actor.name;
    return agent;
  }

  // An Authorization value a request can carry (visible ASCII and spaces).
  /** @param {string | null} value */
  const isHeaderValue = (value) => value !== null && value.length <= 4096 && /^[\x20-\x7e]+$/.test(value);

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
   * failed: statements the LRS refused, kept to be sent again.
   * @typedef {{ queue: Record<string, any>[], sent: SentEntry[], failed: SentEntry[],
   *   error: { time: string, message: string } | null, anonymous: string,
   *   lease: { tab: string, until: number } | null, full: boolean }} Outbox
   * @typedef {{ id: string, time: string, what: string, reason?: string,
   *   statement?: Record<string, any> }} SentEntry
   * @typedef {{ endpoint: string | null, auth: string | null, actor: Record<string, any> | null,
   *   registration: string | null }} Launch
   */

  /** @returns {Outbox} */
  const emptyBox = () => ({ queue: [], sent: [], failed: [], error: null, anonymous: uuid(), lease: null, full: false });

  let memory = emptyBox(); // the box while storage cannot keep it
  let storageWorks = true;

  /** @returns {Outbox} */
  function read() {
    const storage = storageWorks ? localStore() : null;
    if (!storage) {
      storageWorks = false;
      return memory;
    }
    let raw = null;
    try {
      raw = storage.getItem(KEY);
    } catch (error) {
      storageWorks = false;
      return memory;
    }
    let value = null;
    try {
      value = raw ? JSON.parse(raw) : null;
    } catch (error) {
      value = null;
    }
    if (isRecord(value) && Array.isArray(value.queue) && Array.isArray(value.sent) && Array.isArray(value.failed) && isText(value.anonymous)) {
      memory = Object.assign(emptyBox(), value);
      delete (/** @type {Record<string, unknown>} */ (memory)).launch; // kept per tab now, never here
    } else if (raw !== null) {
      // Not ours to read: copied aside, never thrown away, and a fresh box starts.
      try {
        storage.setItem(`${KEY}:corrupt:${now()}`, raw);
        storage.removeItem(KEY);
      } catch (error) {
        storageWorks = false; // cannot set it aside: leave it, and keep the box in memory
      }
    }
    return memory;
  }

  /** @param {(box: Outbox) => void} change */
  function change(change) {
    const box = read();
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

  /** @type {Launch | null} */
  let launchInMemory = null;

  // The launch of this tab's session (sessionStorage: it ends with the tab, so a
  // link opened later, or by the next person at a shared computer, starts anew).
  /** @returns {Launch | null} */
  function currentLaunch() {
    try {
      const value = JSON.parse(window.sessionStorage.getItem(LAUNCH_KEY) || "null");
      if (isRecord(value)) launchInMemory = /** @type {Launch} */ (value);
    } catch (error) {
      // storage unavailable: the launch lives as long as this page
    }
    return launchInMemory;
  }

  /** @param {Launch} launch */
  function keepLaunch(launch) {
    launchInMemory = launch;
    try {
      window.sessionStorage.setItem(LAUNCH_KEY, JSON.stringify(launch));
    } catch (error) {
      // as above
    }
  }

  // An LMS launches content with ?endpoint=&auth=&actor=&registration= (xAPI
  // launch). The endpoint must be on the configured LRS's server, the actor a
  // well-formed Agent; the parameters are taken out of the address bar.
  function takeLaunch() {
    const params = new URLSearchParams(location.search);
    const names = ["endpoint", "auth", "actor", "registration"];
    if (!settings.launch || !names.some((name) => params.has(name))) return;
    const endpoint = params.get("endpoint");
    const auth = params.get("auth");
    const registration = params.get("registration") || "";
    let actor = null;
    try {
      actor = agentOf(JSON.parse(params.get("actor") || "null"));
    } catch (error) {
      actor = null;
    }
    keepLaunch({
      endpoint: endpoint && sameServer(endpoint) ? endpoint.replace(/\/*$/, "/") : null,
      auth: isHeaderValue(auth) ? auth : null,
      actor,
      registration: UUID.test(registration) ? registration.toLowerCase() : null,
    });
    change((box) => {
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

  const endpointOf = () => {
    const launch = currentLaunch();
    return (launch && launch.endpoint) || configuredEndpoint();
  };

  // ------------------------------------------------------------ statements

  /** @param {Outbox} box @param {string} [name] typed into a quiz */
  function actorOf(box, name) {
    const launch = currentLaunch();
    if (launch && launch.actor) return Object.assign({}, launch.actor);
    /** @type {Record<string, any>} */
    const actor = { objectType: "Agent", account: { homePage: BASE, name: box.anonymous } };
    if (name) actor.name = name;
    return actor;
  }

  /** @param {string | null} [parent] @param {unknown} [version] */
  function context(parent, version) {
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
    const launch = currentLaunch();
    if (launch && launch.registration) made.registration = launch.registration;
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

  /** @param {Record<string, any>} record @returns {Record<string, any>[]} */
  function quizStatements(record) {
    const box = read();
    const { quiz, file, score, questions, profile } = record;
    const name = file.trainee.name;
    const quizIri = IRI.quiz(quiz.id);
    const quizObject = { id: quizIri, definition: { name: zh(quiz.title), type: ADL + "activities/assessment" } };
    const started = statement(box, name, "attempted", quizObject, file.started || file.submitted);
    started.context = context(null, quiz.version);
    const made = [started];
    questions.forEach((/** @type {Record<string, any>} */ question) => {
      const answered = statement(box, name, "answered", { id: `${quizIri}/${encodeURIComponent(question.id)}`, definition: interaction(question) }, file.submitted);
      answered.context = context(quizIri, quiz.version);
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
    completed.context = context(null, quiz.version);
    made.push(completed);
    if (profile) {
      const scored = statement(box, profile.trainee.name, "scored", { id: IRI.spcm, definition: { name: zh("SPCM 能力画像"), type: ADL + "activities/assessment" } }, file.submitted);
      scored.result = { completion: true, extensions: { [IRI.profile]: profile } };
      scored.context = context();
      made.push(scored);
    }
    return made;
  }

  /** @param {Record<string, any>} record @returns {Record<string, any>[]} */
  function pageStatements(record) {
    const title = document.querySelector(".md-content h1");
    const done = statement(read(), "", "completed", {
      id: pageIri(location.href),
      definition: { name: zh((title && title.textContent) || document.title), type: ADL + "activities/lesson" },
    }, now());
    done.result = { completion: true };
    done.context = context();
    if (isText(record.step)) done.context.extensions = { [`${BASE}xapi/step`]: record.step };
    return [done];
  }

  // Queues what was just recorded: "queued", or why it was not ("nowhere": no LRS
  // can be reached from here; "full": the outbox would crowd out the learning data).
  /** @param {Record<string, any>[]} made */
  function enqueue(made) {
    if (!endpointOf()) return "nowhere";
    let outcome = "queued";
    change((box) => {
      // the whole box: refused records are kept in it too
      box.full = JSON.stringify(box).length + JSON.stringify(made).length > MAX_QUEUE;
      if (box.full) outcome = "full";
      else box.queue.push(...made);
    });
    return outcome;
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

  // Done with this tab's turn at sending (another tab may hold the lease now).
  /** @param {Outbox} box */
  function release(box) {
    if (box.lease && box.lease.tab === PAGE) box.lease = null;
  }

  /** @param {string} message */
  function failed(message) {
    failures += 1;
    change((box) => {
      box.error = { time: now(), message };
      release(box);
    });
    schedule(Math.min(300000, 2000 * Math.pow(2, Math.min(failures - 1, 8))));
    show();
  }

  /** @param {number} wait */
  function schedule(wait) {
    window.clearTimeout(timer);
    timer = window.setTimeout(flush, wait);
  }

  // The LRS will not take this batch (400, 409, 413): alone, a statement is
  // set aside with the reason, to be sent again from 我的学习; in a batch, the
  // statements go one by one, so that the others are not held up.
  /** @param {Record<string, any>[]} batch @param {number} status @param {string} detail */
  function refused(batch, status, detail) {
    if (batch.length > 1) {
      batchSize = 1;
      change(release);
      return flush();
    }
    const [item] = batch;
    change((box) => {
      box.queue = box.queue.filter((queued) => queued.id !== item.id);
      const entry = { id: item.id, time: now(), what: describe(item), reason: `${status} ${detail}`.trim(), statement: item };
      box.failed = box.failed.filter((kept) => kept.id !== item.id).concat([entry]);
      release(box);
    });
    show();
    flush();
  }

  /** @param {Record<string, any>[]} batch */
  function delivered(batch) {
    failures = 0;
    const ids = new Set(batch.map((item) => item.id));
    change((box) => {
      box.queue = box.queue.filter((item) => !ids.has(item.id));
      if (!box.queue.length) batchSize = BATCH; // one by one until what was refused is past
      box.full = false;
      box.sent = box.sent.concat(batch.map((item) => ({ id: item.id, time: now(), what: describe(item) }))).slice(-SENT_SHOWN);
      box.error = null;
      release(box);
    });
    show();
    flush();
  }

  function flush() {
    if (sending) return;
    const box = read();
    const endpoint = endpointOf();
    if (!box.queue.length || !endpoint) return;
    // One tab sends at a time; another tab's lease runs out if it was closed mid-send.
    if (box.lease && box.lease.tab !== PAGE && box.lease.until > Date.now()) return schedule(box.lease.until - Date.now() + 100);
    change((current) => {
      current.lease = { tab: PAGE, until: Date.now() + LEASE };
    });
    const batch = box.queue.slice(0, batchSize);
    const launch = currentLaunch();
    /** @type {Record<string, string>} */
    const headers = { "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3" };
    if (launch && launch.auth) headers.Authorization = launch.auth;
    const abort = new AbortController();
    const stop = window.setTimeout(() => abort.abort(), TIMEOUT);
    sending = true;
    fetch(endpoint + "statements", {
      method: "POST", headers, body: JSON.stringify(batch), credentials: "omit", cache: "no-store", signal: abort.signal,
    })
      .then((response) => response.text().then((text) => ({ status: response.status, ok: response.ok, text })))
      .then(({ status, ok, text }) => {
        window.clearTimeout(stop);
        sending = false;
        // 409 for a statement of ours: its id is random, so the LRS has this very statement
        if (ok || (status === 409 && batch.length === 1)) return delivered(batch);
        if (status === 400 || status === 409 || status === 413) return refused(batch, status, reason(text));
        if (status === 401 || status === 403) return failed(`学习记录系统拒绝了登录信息（${status}），请从学习平台重新打开本课程`);
        return failed(`学习记录系统暂时无法接收（${status}）`);
      }, () => {
        window.clearTimeout(stop);
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

  // The refused statements back at the head of the queue (我的学习's button).
  function sendRefusedAgain() {
    change((box) => {
      const again = box.failed.map((entry) => entry.statement).filter(isRecord);
      box.queue = again.concat(box.queue);
      box.failed = [];
    });
    failures = 0;
    batchSize = BATCH;
    show();
    flush();
  }

  // ---------------------------------------------------------------- showing

  const NOWHERE = "从文件夹打开的课程不会上传学习记录。请在测验结果下点击“导出结果”（考核测验的答卷已自动下载），把文件交给培训师；或从课程网址打开本站。";
  const FULL = "待上传的学习记录太多，浏览器已放不下，新的记录没有加入上传。请在测验结果下点击“导出结果”（考核测验的答卷已自动下载），把文件交给培训师。";
  const FALLBACK = "浏览器存储不可用：待上传的学习记录在关闭页面后不会保留。请在测验结果下点击“导出结果”（考核测验的答卷已自动下载），把文件交给培训师。";

  /** @param {Outbox} box */
  function pendingText(box) {
    if (!endpointOf()) return box.queue.length ? `${box.queue.length} 条记录待上传：` + NOWHERE : NOWHERE;
    if (!box.queue.length) return box.sent.length ? "全部学习记录已上传。" : "还没有要上传的学习记录。";
    return `${box.queue.length} 条记录待上传，学习记录系统可以连接时会自动上传。`;
  }

  // 我的学习: what waits, the last error, what was sent or refused, and to whom.
  /** @param {HTMLElement} dashboard */
  function renderDashboard(dashboard) {
    let section = dashboard.querySelector("[data-academy-xapi]");
    if (!section) {
      section = make("section", null, { class: "academy-xapi", "data-academy-xapi": "", "aria-labelledby": "academy-xapi-title" });
      section.addEventListener("click", (event) => {
        if (event.target instanceof Element && event.target.closest("[data-academy-xapi-retry]")) sendRefusedAgain();
      });
      dashboard.append(section);
    }
    const box = read();
    // What the trainee opened or pressed stays so across re-renders.
    const opened = all(section, "details[open]").map(markerOf);
    const active = document.activeElement;
    const focused = active instanceof Element && section.contains(active);
    const focusedList = focused ? markerOf(active.closest("details")) : "";
    section.textContent = "";
    section.append(make("h2", "学习记录上传", { id: "academy-xapi-title" }));
    const pending = make("p", pendingText(box), { class: "academy-xapi__pending", role: "status", tabindex: "-1", "data-academy-xapi-pending": String(box.queue.length) });
    section.append(pending);
    if (!storageWorks) section.append(make("p", FALLBACK, { class: "academy-notice" }));
    if (box.full) section.append(make("p", FULL, { class: "academy-notice", "data-academy-xapi-full": "" }));
    if (box.error && box.queue.length) {
      section.append(make("p", `上次上传失败（${localTime(box.error.time)}）：${box.error.message}`, { class: "academy-xapi__error", "data-academy-xapi-error": "" }));
    }
    const endpoint = endpointOf();
    const launch = currentLaunch();
    const who = launch && launch.actor ? (launch.actor.name || "学习平台提供的身份") : "本浏览器的匿名编号（测验中填写的姓名会一同发送）";
    section.append(make("p", `发送到：${endpoint ? new URL(endpoint).host : "（无）"}；学员身份：${who}。`, { class: "academy-xapi__privacy" }));
    list(section, "已上传的记录（最近 " + SENT_SHOWN + " 条）", box.sent, "data-academy-xapi-sent");
    if (box.failed.length) {
      section.append(make("p", `${box.failed.length} 条记录被学习记录系统拒绝，已保留在本浏览器中；问题解决后可以重新上传。`, { class: "academy-xapi__error", "data-academy-xapi-refused": "" }));
      list(section, "被拒绝的记录", box.failed, "data-academy-xapi-failed");
      section.append(make("button", "重新上传被拒绝的记录", { type: "button", class: "md-button", "data-academy-xapi-retry": "" }));
    }
    opened.forEach((marker) => {
      const details = marker && section.querySelector(`details[${marker}]`);
      if (details) details.setAttribute("open", "");
    });
    if (focused) {
      // on the same list, else the retry button while there is one, else what happened
      const same = focusedList ? section.querySelector(`details[${focusedList}] summary`) : null;
      const again = section.querySelector("[data-academy-xapi-retry]");
      const target = same || again;
      (target instanceof HTMLElement ? target : pending).focus();
    }
  }

  // Which of the lists an element is ("" for none): its data-academy-xapi-… attribute.
  /** @param {Element | null} details */
  const markerOf = (details) =>
    (details && Array.from(details.attributes).map((a) => a.name).find((name) => name.startsWith("data-academy-xapi-"))) || "";

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

  /** @type {{ result: HTMLElement, ids: string[], outcome: string } | null} */
  let lastAttempt = null;

  // Under a quiz's result: where this attempt's records are.
  function renderQuizNote() {
    if (!lastAttempt || !lastAttempt.result.isConnected) return;
    const { result, ids, outcome } = lastAttempt;
    let note = result.querySelector("[data-academy-xapi-note]");
    if (!note) {
      note = make("p", null, { class: "academy-xapi__note", role: "status", "data-academy-xapi-note": "" });
      result.append(note);
    }
    const box = read();
    const among = (/** @type {{ id?: unknown }[]} */ entries) => ids.filter((id) => entries.some((entry) => entry.id === id)).length;
    const waiting = among(box.queue);
    if (outcome === "nowhere") note.textContent = NOWHERE;
    else if (outcome === "full") note.textContent = FULL;
    else if (!storageWorks && waiting) note.textContent = FALLBACK;
    else if (among(box.failed)) note.textContent = `本次作答有 ${among(box.failed)} 条记录被学习记录系统拒绝，已保留在“我的学习”中，可以重新上传。`;
    else if (waiting) note.textContent = "本次作答已记录，" + pendingText(box);
    else note.textContent = "本次作答已上传到学习记录系统。";
  }

  function show() {
    document.querySelectorAll("[data-academy='dashboard']").forEach((dashboard) => {
      if (dashboard instanceof HTMLElement) renderDashboard(dashboard);
    });
    renderQuizNote();
  }

  // ------------------------------------------------------------------ start

  document.addEventListener("academy:record", (event) => {
    const record = event instanceof CustomEvent && isRecord(event.detail) ? event.detail : null;
    if (!record) return;
    if (record.kind === "page") enqueue(pageStatements(record));
    else if (record.kind === "quiz" && isRecord(record.file) && record.box instanceof HTMLElement) {
      const made = quizStatements(record);
      lastAttempt = { result: record.box, ids: made.map((item) => item.id), outcome: enqueue(made) };
    } else return;
    show();
    flush();
  });
  // A page that goes away while it sends leaves nothing to wait for: its request is
  // cancelled (and sending the batch again stores nothing twice).
  window.addEventListener("pagehide", () => {
    const box = read();
    if (box.lease && box.lease.tab === PAGE) change(release);
  });
  window.addEventListener("online", () => {
    failures = 0;
    flush();
  });
  takeLaunch();
  const onPage = () => {
    if (lastAttempt && !lastAttempt.result.isConnected) lastAttempt = null;
    show();
    flush();
  };
  if (typeof document$ !== "undefined") document$.subscribe(onPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
  else onPage();
})();
