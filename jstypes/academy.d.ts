// window.Academy: the one global of the academy scripts. Each part adds its
// member when it loads (academy.js on every page; the others with a widget),
// so every member is optional and a part checks for those it needs.
// The types of academy.js (loaded on every page) are declared here rather than
// in JSDoc, so that they cost the page nothing. The quiz's types (Spec, Score,
// Quiz, Attempt, …) are JSDoc typedefs at the top of scoring.js, charts.js and
// the quiz*.js files.

/**
 * The learning data, stored as JSON under "academy:<site>" (schema 1). Unknown
 * fields are kept, so that data of a newer version survives a round trip.
 */
interface LearningData {
  schema: number;
  role: string | null;
  /** step id → when it was completed (ISO time) */
  done: Record<string, string>;
  /** YYYY-MM-DD → that day's answers to the reflection questions */
  log: Record<string, LogEntry>;
  /** "<quiz>@<version>" → QuizRecord (quiz.js); read back unchecked */
  results: Record<string, unknown>;
  [field: string]: unknown;
}

interface LogEntry {
  answers: string[];
  updated: string;
}

/** One per site and page session; once broken, the session runs from memory. */
interface Store {
  key: string;
  data: LearningData;
  broken: boolean;
}

/** Mounts one widget; returns its render function, or nothing when it keeps no state. */
type Mounter = (root: HTMLElement, store: Store) => (() => void) | void;

/** A mounted widget. */
interface View {
  root: HTMLElement;
  store: Store;
  render: () => void;
}

/** A part's files, loaded the first time a page has its kind of widget. */
interface Part {
  scripts: string[];
  styles?: string[];
}

/** A step of a learning path, as li[data-step] describes it. */
interface Step {
  id: string;
  minutes: number;
  required: boolean;
  title: string;
  href: string;
  item: HTMLElement;
}

/** The attempt that counts by the retake rule; share, average and count are of the knowledge shares. */
interface Kept<T> {
  attempt: T;
  index: number;
  share: number | null;
  average: number | null;
  count: number;
}

interface AcademyCore {
  all(root: ParentNode, selector: string): HTMLElement[];
  make<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string | null, attributes?: Record<string, string>): HTMLElementTagNameMap[K];
  isRecord(value: unknown): value is Record<string, any>;
  isText(value: unknown): value is string;
  own(object: unknown, key: string): boolean;
  pick(object: unknown, key: string): any;
  now(): string;
  today(): string;
  localDay(date: Date): string;
  localTime(iso: unknown): string;
  uniqueId(prefix: string): string;
  download(name: string, text: string, type: string): void;
  /** Tells xapi.js (when loaded) what the trainee did: { kind: "page" | "quiz", … }. */
  record(detail: Record<string, unknown>): void;
  /** The browser's storage, or null when it is disabled (storage-guard.js's stand-in) or throws. */
  localStore(): Storage | null;
  DAY: RegExp;
  emptyData(): LearningData;
  normalize(value: unknown): LearningData | null;
  merge(into: LearningData, other: LearningData): void;
  load(store: Store): void;
  save(store: Store): void;
  update(store: Store, change: (data: LearningData) => void): void;
  renderAll(): void;
  readSteps(container: ParentNode): Step[];
  progressOf(steps: Step[], done: Record<string, string>): Progress;
  progressSentence(progress: Progress): string;
  showProgress(bar: HTMLProgressElement, progress: Progress): void;
  pagePrimaryPath(store: Store): HTMLElement | null;
  register(kind: string, mounter: Mounter): void;
}

interface AcademyRetake {
  /** data-keep → its name as the pages show it */
  KEEP_NAMES: Record<string, string>;
  /** data-keep → the rule in a sentence, shown above a practice quiz */
  KEEP_RULES: Record<string, string>;
  /** A known rule (best, last, first, average), else "best". */
  keepRule(keep: unknown): string;
  keptAttempt<T>(attempts: T[], keep: string, share: (attempt: T) => unknown): Kept<T> | null;
}

interface Progress {
  done: number;
  total: number;
  minutesLeft: number;
  open: Step[];
  next: Step | null;
}

interface AcademyScoring {
  scoreAttempt(spec: Spec, responses: Responses, target?: string | null, focus?: string[] | null): Score;
  profileSpec(specs: Record<string, Spec>): Spec;
  scoreProfile(specs: Record<string, Spec>, answers: Record<string, Responses>, target?: string | null, focus?: string[] | null): Score;
  questionCredit(question: QuestionSpec, response: unknown): number;
  round4(value: number): number;
}

interface AcademyCharts {
  radar(spec: RadarChart): SVGElement;
  bars(spec: BarChart): SVGElement;
}

interface AcademyQuizExport {
  answersChecksum(quizId: string, version: QuizVersion, answers: Responses): string;
  responseFile(quiz: Quiz, attempt: Attempt): Record<string, any>;
  resultFile(quiz: Quiz, attempt: Attempt, score: Score): Record<string, any>;
  downloadResponse(quiz: Quiz, attempt: Attempt): string;
  downloadResult(quiz: Quiz, attempt: Attempt, score: Score): string;
  renderReceipt(box: HTMLElement, quiz: Quiz, attempt: Attempt, restored: boolean, count: { answered: number; total: number }): void;
}

interface AcademyQuizResult {
  NO_ROLE: string;
  percent(share: number): string;
  roleOf(quiz: Quiz, role: unknown): Record<string, any> | null;
  targetOf(quiz: Quiz, role: unknown): string | null;
  focusOf(quiz: Quiz, role: unknown): string[] | null;
  knowledgeText(score: Score): string;
  rootRelative(href: string): string | null;
  bankMeta(quiz: Quiz, root: HTMLElement): BankMeta;
  tableHead(table: HTMLTableElement, titles: string[]): void;
  startBox(box: HTMLElement, kind: string, title: string): void;
  finishBox(box: HTMLElement, buttons: [string, string][], note?: string): void;
  /** Shows the result; returns its summary sentence. */
  renderResult(box: HTMLElement, quiz: Quiz, root: HTMLElement, view: ResultView): string;
}

interface AcademyQuizQuestions {
  readQuestions(form: HTMLFormElement, quiz: Quiz): Question[];
  layOut(state: QuizState): void;
  collect(state: QuizState): Responses;
  restoreAnswers(state: QuizState, attempt: Attempt): void;
  showFeedback(question: Question, response: unknown, score: Score): { kind: string; icon: string; text: string } | null;
  clearFeedback(state: QuizState): void;
  lock(state: QuizState, locked: boolean): void;
  move(button: HTMLElement): string | null;
  reducedMotion(): boolean;
  questionRecords(questions: Question[], answers: Responses, score: Score | null): QuestionRecord[];
}

/** One answer as a learning record describes it (quiz-export.js → xapi.js). */
interface QuestionRecord {
  id: string;
  type: string;
  prompt: string;
  /** [option value, text] in option order */
  choices: [string, string][];
  response: unknown;
  earned?: number;
  possible?: number;
  key?: unknown;
}

/** xapi-settings.js, written by the build when mkdocs.yml sets academy.xapi.endpoint. */
interface AcademyXapiSettings {
  endpoint: string;
  launch: boolean;
  base: string;
  site: string;
  course: string;
}

interface AcademyNamespace {
  core?: AcademyCore;
  retake?: AcademyRetake;
  scoring?: AcademyScoring;
  charts?: AcademyCharts;
  quizExport?: AcademyQuizExport;
  quizResult?: AcademyQuizResult;
  quizQuestions?: AcademyQuizQuestions;
}

interface Window {
  Academy: AcademyNamespace;
  AcademyXapi?: AcademyXapiSettings;
}
