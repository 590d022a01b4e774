/**
 * From a form submission to a registry row: parse the answers by question title (zod),
 * normalise them (emails, languages, skills, time zone), and collect every reason the
 * help desk should look at the row. Nothing here throws for bad input: bad input becomes a
 * row marked "needs review" with its reasons.
 */
import * as z from 'zod/mini';
import { formSpec, type FormKind, type FormSpec, type Question } from './forms';
import { languageCode } from './languages';
import { FORMATS, type AnyRow, type Origin, type RequestRow, type TrainerRow } from './registry';
import { fitCell, normaliseEmail, oneLine, splitChoices } from './text';
import { matchSkills, type SkillEntry } from './taxonomy';
import { normaliseTimeZone } from './timezone';

/** Registry lists that forms choose from. */
export interface RegistryLists {
  /** Language codes. */
  languages: string[];
  skills: SkillEntry[];
  circles: string[];
}

/** Answers by question title, as in the form-submit event's namedValues. */
export type NamedValues = Record<string, string[] | undefined>;

/** One answer as the event carries it: a list of display strings (absent when the question is). */
const answer = z.optional(z.array(z.string()));

/** The answers of a submission keyed by question key (absent or malformed question → ""). */
export function readAnswers(spec: FormSpec, named: NamedValues): { answers: Record<string, string>; missingQuestions: string[] } {
  const answers: Record<string, string> = {};
  const missingQuestions: string[] = [];
  const byTitle = new Map(Object.entries(named).map(([k, v]) => [k.trim().toLowerCase(), v]));
  for (const question of spec.questions) {
    const raw = byTitle.get(question.title.toLowerCase());
    if (raw === undefined) missingQuestions.push(question.title);
    const parsed = answer.safeParse(raw);
    answers[question.key] = parsed.success ? (parsed.data ?? []).join(', ').trim() : '';
  }
  return { answers, missingQuestions };
}

export interface Parsed<R extends AnyRow = RequestRow> {
  row: R;
  reasons: string[];
  /** The address to acknowledge, only when it is one valid address. */
  replyTo?: string;
  /** Language code for emails to the sender. */
  language: string;
}

function commonChecks(spec: FormSpec, answers: Record<string, string>, missingQuestions: string[], reasons: string[]): Record<string, string> {
  if (missingQuestions.length) reasons.push(`questions not in the response: ${missingQuestions.join(', ')}`);
  const missing = spec.questions.filter((qq) => qq.required && !answers[qq.key] && !missingQuestions.includes(qq.title)).map((qq) => qq.title);
  if (missing.length) reasons.push(`missing answer: ${missing.join(', ')}`);
  const fitted: Record<string, string> = {};
  for (const [key, value] of Object.entries(answers)) {
    const { text, cut } = fitCell(value);
    if (cut) reasons.push(`answer cut to fit a cell: ${spec.questions.find((qq) => qq.key === key)?.title ?? key} (${value.length} characters)`);
    fitted[key] = text;
  }
  return fitted;
}

function checkEmail(raw: string, reasons: string[]): { email: string; replyTo?: string } {
  const e = normaliseEmail(raw);
  if (e.ok) return { email: e.email, replyTo: e.email };
  if (raw.trim() || !reasons.some((r) => r.startsWith('missing answer'))) reasons.push(e.reason);
  return { email: raw.trim() };
}

function checkLanguage(raw: string, reasons: string[]): string {
  if (!raw) return '';
  const code = languageCode(raw);
  if (!code) {
    reasons.push(`unknown language "${oneLine(raw, 60)}"`);
    return raw;
  }
  return code;
}

function checkNumber(question: Question | undefined, raw: string, reasons: string[]): number | string | undefined {
  if (!raw) return undefined;
  const n = Number(raw.replace(/\s/g, '').replace(/,(\d{1,2})$/, '.$1'));
  if (Number.isFinite(n)) return n;
  reasons.push(`not a number: ${question?.title ?? 'answer'} "${oneLine(raw, 40)}"`);
  return undefined;
}

/** Time-zone answers are normalised by the one offset parser in ./timezone. */
export { normaliseTimeZone };

function skillsOf(raw: string, lists: RegistryLists): { skills: string[]; other: string[] } {
  const items = splitChoices(
    raw,
    lists.skills.map((sk) => sk.skill),
  );
  const { skills, unknown } = matchSkills(items, lists.skills);
  return { skills, other: unknown };
}

/** A request of any origin, ready for the Requests sheet (without id, received, status). */
export function parseRequest(origin: Origin, named: NamedValues, lists: RegistryLists): Parsed {
  const spec = formSpec(origin);
  const reasons: string[] = [];
  const read = readAnswers(spec, named);
  const a = commonChecks(spec, read.answers, read.missingQuestions, reasons);
  const { email, replyTo } = checkEmail(a.email, reasons);
  const language = checkLanguage(a.language, reasons);
  const { skills, other } = skillsOf(a.skills, lists);
  const groupSize = checkNumber(
    spec.questions.find((x) => x.key === 'groupSize'),
    a.groupSize ?? '',
    reasons,
  );
  const details = [a.details, other.length ? `Other topics: ${other.join(', ')}` : ''].filter(Boolean).join('\n');
  const terms =
    origin === 'trainer-initiated'
      ? [a.paySplit && `share to SoFA: ${a.paySplit}%`, a.outreach && `outreach: ${a.outreach}`, a.mentor && `mentor wanted: ${a.mentor}`]
          .filter(Boolean)
          .join('; ')
      : '';
  if (origin === 'trainer-initiated' && a.paySplit)
    checkNumber(
      spec.questions.find((x) => x.key === 'paySplit'),
      a.paySplit,
      reasons,
    );
  const row: RequestRow = {
    origin,
    requester: a.name || undefined,
    email: email || undefined,
    organisation: a.organisation || undefined,
    title: a.title || undefined,
    language: language || undefined,
    skills: skills.length ? skills : undefined,
    format: FORMATS.find((f) => f === a.format),
    location: a.location || undefined,
    timeZone: a.timeZone ? normaliseTimeZone(a.timeZone) : undefined,
    dates: a.dates || undefined,
    groupSize: typeof groupSize === 'number' ? groupSize : undefined,
    budget: a.budget || undefined,
    details: details || undefined,
    terms: terms || undefined,
    preferredTrainer: a.preferredTrainer || undefined,
    // Trainer-initiated only: matching proposes a mentor only when this is "yes".
    mentor: origin === 'trainer-initiated' && /^(yes|no)$/i.test(a.mentor ?? '') ? (a.mentor.toLowerCase() === 'yes' ? 'yes' : 'no') : undefined,
  };
  return { row, reasons, replyTo, language: languageCode(a.language) ?? 'en' };
}

/** A trainer's profile answers, for creating or updating their Trainers row. */
export function parseProfile(named: NamedValues, lists: RegistryLists): Parsed<TrainerRow> {
  const spec = formSpec('trainer-profile');
  const reasons: string[] = [];
  const read = readAnswers(spec, named);
  const a = commonChecks(spec, read.answers, read.missingQuestions, reasons);
  const { email, replyTo } = checkEmail(a.email, reasons);
  const languageAnswers = splitChoices(a.languages, []);
  const languages: string[] = [];
  for (const l of languageAnswers) {
    const code = languageCode(l);
    if (code) {
      if (!languages.includes(code)) languages.push(code);
    } else reasons.push(`unknown language "${oneLine(l, 60)}"`);
  }
  const { skills, other } = skillsOf(a.skills, lists);
  const capacity = checkNumber(
    spec.questions.find((x) => x.key === 'capacity'),
    a.capacity,
    reasons,
  );
  const row: TrainerRow = {
    name: a.name || undefined,
    email: email || undefined,
    roles: splitChoices(a.roles, spec.questions.find((x) => x.key === 'roles')?.choices as string[]),
    languages: languages.length ? languages : undefined,
    skills: skills.length ? skills : undefined,
    country: a.country || undefined,
    region: a.region || undefined,
    timeZone: a.timeZone ? normaliseTimeZone(a.timeZone) : undefined,
    formats: a.formats ? splitChoices(a.formats, []) : undefined,
    organisation: a.organisation || undefined,
    circles: a.circles ? splitChoices(a.circles, lists.circles) : undefined,
    capacity: typeof capacity === 'number' ? capacity : undefined,
    status: a.status === 'paused' ? 'paused' : 'active',
    listed: a.listed === 'yes',
    bio: [a.bio, other.length ? `Also: ${other.join(', ')}` : ''].filter(Boolean).join('\n') || undefined,
    rate: a.rate || undefined,
  };
  return { row, reasons, replyTo, language: languages[0] ?? 'en' };
}

export function isOrigin(kind: FormKind): kind is Origin {
  return kind !== 'trainer-profile' && kind !== 'offer-response' && kind !== 'training-feedback';
}
