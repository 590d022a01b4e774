/**
 * The intake forms as data (their descriptions, confirmations and help texts, needed only
 * when Set up creates a form, are in src/defaults/forms.json). Set up creates each form from its spec (and refreshes the
 * registry-driven choices); onFormSubmit reads answers back by question title through the
 * same spec, so a form and its parser can never disagree.
 */
import { FORMATS, ROLES, type Origin } from './registry';

export type QuestionType = 'text' | 'paragraph' | 'choice' | 'checkbox' | 'list' | 'date' | 'scale';

/** Where a question's choices come from: fixed, or the registry (refreshed by Set up). */
export type QuestionChoices = readonly string[] | 'languages' | 'skills' | 'circles';

export interface Question {
  key: string;
  title: string;
  type: QuestionType;
  required?: boolean;
  choices?: QuestionChoices;
  /** Offer an "Other" answer (choice and checkbox questions). */
  other?: boolean;
  /** Validation Forms applies to a text answer. */
  validate?: 'email' | 'number';
}

export type FormKind = Origin | 'trainer-profile' | 'offer-response' | 'training-feedback';

export interface FormSpec {
  kind: FormKind;
  title: string;
  questions: Question[];
}

const q = (key: string, title: string, type: QuestionType, extra: Partial<Question> = {}): Question => ({ key, title, type, ...extra });

const contact = [q('name', 'Your name', 'text', { required: true }), q('email', 'Your email', 'text', { required: true, validate: 'email' })];
const language = q('language', 'Language of the training', 'list', { required: true, choices: 'languages' });
const skills = (title = 'Topics and skills wanted') => q('skills', title, 'checkbox', { choices: 'skills', other: true });
const format = q('format', 'Format', 'choice', { choices: FORMATS });
const location = q('location', 'Location (if in person)', 'text');
const timeZone = q('timeZone', 'Your time zone', 'text', {});
const dates = q('dates', 'Preferred dates or period', 'text');
const groupSize = q('groupSize', 'Group size', 'text', { validate: 'number' });
const budget = q('budget', 'Budget', 'text', {});
const details = q('details', 'Anything else we should know?', 'paragraph');

/** Answers to a gig offer: reached only through the prefilled accept/decline links in the offer email. */
export const OFFER_RESPONSE: FormSpec = {
  kind: 'offer-response',
  title: 'Answer a training offer',
  questions: [
    q('offerId', 'Offer', 'text', { required: true }),
    q('token', 'Code', 'text', { required: true }),
    q('answer', 'Your answer', 'choice', { choices: ['accept', 'decline'], required: true }),
    q('message', 'Message to the help desk (optional)', 'paragraph'),
  ],
};

/** Feedback from a requester on a training: reached only through the prefilled link in the feedback email. */
export const TRAINING_FEEDBACK: FormSpec = {
  kind: 'training-feedback',
  title: 'Training feedback',
  questions: [
    q('offerId', 'Training', 'text', { required: true }),
    q('code', 'Code', 'text', { required: true }),
    q('rating', 'How was it? (1 = poor, 5 = excellent)', 'choice', { choices: ['1', '2', '3', '4', '5'], required: true }),
    q('comment', 'Anything you would like to tell us? (only the help desk reads it)', 'paragraph'),
  ],
};

export const FORM_SPECS: FormSpec[] = [
  {
    kind: 'client',
    title: 'Request a sociocracy training',
    questions: [...contact, q('organisation', 'Organisation', 'text'), language, skills(), format, location, timeZone, dates, groupSize, budget, details],
  },
  {
    kind: 'find-a-facilitator',
    title: 'Find a facilitator',
    questions: [
      ...contact,
      q('organisation', 'Organisation', 'text'),
      q('language', 'Language of the meeting', 'list', { required: true, choices: 'languages' }),
      skills('What should the facilitator help with?'),
      format,
      location,
      timeZone,
      dates,
      groupSize,
      budget,
      q('preferredTrainer', 'Facilitator you would like (if any)', 'text'),
      details,
    ],
  },
  {
    kind: 'circle',
    title: 'Circle training support request',
    questions: [
      ...contact,
      q('organisation', 'Your circle', 'list', { required: true, choices: 'circles' }),
      language,
      skills('Kind of support'),
      format,
      dates,
      groupSize,
      details,
    ],
  },
  {
    kind: 'trainer-initiated',
    title: 'Register a trainer-initiated training',
    questions: [
      q('name', 'Trainer name', 'text', { required: true }),
      q('email', 'Trainer email', 'text', { required: true, validate: 'email' }),
      q('title', 'Training title', 'text', { required: true }),
      language,
      skills('Topics'),
      format,
      location,
      timeZone,
      dates,
      groupSize,
      q('budget', 'Fee per participant and currency', 'text', { required: true }),
      q('paySplit', 'Share paid to SoFA (%)', 'text', { validate: 'number' }),
      q('outreach', 'Who promotes the training?', 'choice', { choices: ['the trainer', 'SoFA', 'both'], required: true }),
      q('mentor', 'Would you like a mentor?', 'choice', { choices: ['yes', 'no'] }),
      details,
    ],
  },
  {
    kind: 'sofa-standard',
    title: 'Schedule a SoFA standard training',
    questions: [
      q('title', 'Training', 'text', { required: true }),
      q('name', 'Requested by', 'text', { required: true }),
      q('email', 'Your email', 'text', { required: true, validate: 'email' }),
      language,
      skills('Topics'),
      format,
      q('dates', 'Dates', 'text', { required: true }),
      timeZone,
      groupSize,
      details,
    ],
  },
  {
    kind: 'trainer-profile',
    title: 'Trainer profile',
    questions: [
      q('name', 'Name', 'text', { required: true }),
      q('email', 'Email', 'text', { required: true, validate: 'email' }),
      q('roles', 'Roles', 'checkbox', { choices: ROLES, required: true }),
      q('languages', 'Languages you train in', 'checkbox', { choices: 'languages', required: true }),
      q('skills', 'Skills and topics', 'checkbox', { choices: 'skills', other: true }),
      q('country', 'Country', 'text'),
      q('region', 'Region or city', 'text'),
      q('timeZone', 'Time zone', 'text', {}),
      q('formats', 'Formats', 'checkbox', { choices: FORMATS }),
      q('organisation', 'Organisation you work for (if any)', 'text'),
      q('circles', 'SoFA circles you belong to', 'checkbox', { choices: 'circles' }),
      q('capacity', 'Gigs per month you can take', 'text', { validate: 'number' }),
      q('status', 'Availability', 'choice', { choices: ['active', 'paused'], required: true }),
      q('listed', 'List me in the public facilitator directory', 'choice', { choices: ['yes', 'no'] }),
      q('bio', 'Short bio (public if listed)', 'paragraph'),
      q('rate', 'Usual rate (private)', 'text'),
      q('profileCode', 'Profile code', 'text'),
    ],
  },
  OFFER_RESPONSE,
  TRAINING_FEEDBACK,
];

export function formSpec(kind: FormKind): FormSpec {
  const spec = FORM_SPECS.find((f) => f.kind === kind);
  if (!spec) throw new Error(`No form "${kind}"`);
  return spec;
}
