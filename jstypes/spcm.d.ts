// Types of the SPCM profile parts (spcm-profile.js, spcm-view.js), shared by the
// quiz page and the dashboard. Score, Spec and the other scoring shapes are the
// JSDoc typedefs of scoring.js; Attempt those of quiz.js.

/** A link to a page of this site, absolute (resolved and checked when read). */
interface SpcmLink {
  href: string;
  title: string;
  /** a ref of a question the trainee missed */
  missed?: boolean;
}

/** A role as data-roles describes it; dimensions: those it is assessed on (empty: all). */
interface SpcmRole {
  id: string;
  name: string;
  target: string;
  dimensions: string[];
}

/** A practice bank of the site (data-banks): knowledge questions per dimension and level. */
interface SpcmBankInfo {
  id: string;
  version: number | null;
  title: string;
  href: string | null;
  roles: string[];
  cells: Record<string, any>;
}

/** The model as a result page needs it (data-levels, -groups, -roles, -scale, -banks). */
interface SpcmModel {
  levels: string[];
  levelNames: Record<string, string>;
  dimensions: string[];
  groups: { name: string; dimensions: string[] }[];
  roles: Record<string, SpcmRole>;
  scale: string[];
  banks: SpcmBankInfo[];
}

/** A bank as the profile counts it: what its quiz page stored, links made absolute. */
interface SpcmBank {
  id: string;
  version: number | string;
  key: string;
  title: string;
  page: string | null;
  keep: string;
  spec: Spec;
  /** question id → the pages its refs name */
  refs: Record<string, SpcmLink[]>;
  /** dimension → pages to review (the bank's refs first, then pages teaching it) */
  review: Record<string, SpcmLink[]>;
  attempts: Attempt[];
}

/** A bank's attempt that the profile counts (number: 1 for the first attempt). */
interface SpcmCounted {
  bank: SpcmBank;
  attempt: Attempt;
  number: number;
}

interface SpcmProfile {
  score: Score;
  counted: SpcmCounted[];
  role: SpcmRole | null;
}

/** Knowledge questions of one dimension: asked, fully right, and the refs of each missed one. */
interface SpcmTally {
  asked: number;
  right: number;
  missed: SpcmLink[][];
}

interface SpcmAction {
  kind: "quiz" | "read" | "retake";
  href: string;
  title: string;
  why: string;
}

interface AcademySpcmProfile {
  safeUrl(href: unknown, base: string): string | null;
  readModel(root: HTMLElement): SpcmModel;
  roleOf(model: SpcmModel, role: unknown): SpcmRole | null;
  storedBanks(results: unknown, model: SpcmModel, root: string): { banks: SpcmBank[]; skipped: string[] };
  keptOf(bank: SpcmBank): Kept<Attempt> | null;
  profileOf(banks: SpcmBank[], role: SpcmRole | null): SpcmProfile | null;
  tallies(profile: SpcmProfile): Record<string, SpcmTally>;
  reviewLinks(profile: SpcmProfile, tally: SpcmTally | undefined, dimension: string, limit: number): SpcmLink[];
  quizzesToTake(model: SpcmModel, profile: SpcmProfile | null, role: SpcmRole | null): { bank: SpcmBankInfo; items: number; cells: number; forRole: boolean }[];
  nextActions(model: SpcmModel, profile: SpcmProfile | null, role: SpcmRole | null, limit: number): SpcmAction[];
  profileFile(profile: SpcmProfile, name: string): object;
  downloadProfile(profile: SpcmProfile, name: string): string;
}

/** What this attempt added to the profile (quiz page only). */
interface SpcmAdded {
  /** knowledge questions of the attempt, and those answered fully right */
  asked: number;
  right: number;
  /** cells the attempt has knowledge questions in */
  cells: number;
  /** cells decided now that were 证据不足 without this bank */
  decided: number;
  /** "" when the attempt shown is the one counted, else why another counts */
  note: string;
}

/** What the view shows besides the profile. */
interface SpcmViewOptions {
  model: SpcmModel;
  profile: SpcmProfile | null;
  role: SpcmRole | null;
  /** where the view is: the title and what the first sentence refers to */
  context: "quiz" | "dashboard";
  title: string;
  /** trainee's name and the date, for the printed report */
  name: string;
  added?: SpcmAdded | null;
  /** link to the home page (choose a role) */
  home: string | null;
  /** banks that could not be counted, in words */
  skipped?: string[];
}

interface AcademySpcmView {
  renderProfile(options: SpcmViewOptions): HTMLElement;
  summarySentence(options: SpcmViewOptions): string;
  percent(share: number): string;
  print(): void;
}

interface AcademyNamespace {
  spcmProfile?: AcademySpcmProfile;
  spcmView?: AcademySpcmView;
}
