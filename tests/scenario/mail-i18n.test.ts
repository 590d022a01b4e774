/**
 * Scenario: every email in the requester's or trainer's language, labels, reasons and "Why you"
 * included; subjects that agree with bodies; invisible and bidi controls cleaned; answers kept as
 * typed. Driven through dist/Code.js as people use it.
 */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import type { MailRec } from '@training-help-desk/gas-emulator/store';
import type { ActionResult, ProposalView } from '../../src/ui/contracts';
import { approveClaimedRoles, clientAnswers, FORMS, linkAfter, profileAnswers, setSetting, setUpWorld } from '../support/world';

const DAY = 86400_000;
const BIDI = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
/** Words an email in another language must not carry: English labels, internal criterion keys, raw points. */
const ENGLISH_OR_INTERNAL =
  /\b(Request|For|Language|Topics|Format|Dates|Group size|Details|Why you|Accept|Decline|Hello|Thank you|skills|timeZone|fairness|preference|feedback)\b|\d+\.\d\b/;

const mailsTo = (d: Driver, address: string): MailRec[] => d.outbox().filter((m) => m.to.includes(address));
const trainerId = (d: Driver, name: string): string => String(d.records('Trainers').find((t) => t.Name === name)!.Id);

function setting(d: Driver, key: string, value: string): void {
  const row = d.sheet('Settings').rows.find((r) => r?.[0]?.v === key)!;
  row[1] = { v: value };
}

function propose(d: Driver, a1: string): ProposalView {
  d.select(a1);
  Driver.check(d.clickMenu('Propose trainers'), 'Propose trainers');
  return d.callServer<ProposalView>('loadProposals');
}

/** A registry with one Russian and one Spanish trainer, each training first in their language. */
function world(): Driver {
  const d = setUpWorld();
  // Notices one by one, as they happen (the daily summary has its own tests).
  setSetting(d, 'helpdesk.notify', 'immediate');
  d.submitForm(
    FORMS.profile,
    profileAnswers('Olga Ivanova', 'olga@example.org', {
      'Languages you train in': ['Русский (Russian)', 'English'],
      'Time zone': 'Europe/Moscow',
      Country: 'Russia',
      Roles: ['trainer in certification'],
      Formats: ['online'],
    }),
  );
  d.submitForm(
    FORMS.profile,
    profileAnswers('Lucía Pérez', 'lucia@example.org', {
      'Languages you train in': ['Español (Spanish)', 'English'],
      'Time zone': 'Europe/Madrid',
      Roles: ['trainer in certification'],
      Formats: ['online'],
    }),
  );
  approveClaimedRoles(d);
  d.store.mail.outbox = [];
  return d;
}

describe('a Russian requester and trainer', () => {
  it('get the offer, the introduction and every label in Russian; "Why you" in plain words', () => {
    const d = world();
    d.submitForm(
      FORMS.client,
      clientAnswers({
        'Your name': 'Иван Петров',
        'Your email': 'ivan@example.org',
        Organisation: 'Кооператив',
        'Language of the training': 'Русский (Russian)',
        'Your time zone': 'Europe/Moscow',
        'Anything else we should know?': 'Жилищный кооператив.',
      }),
    );
    expect(mailsTo(d, 'ivan@example.org').map((m) => m.subject)).toEqual(['Мы получили вашу заявку (R-00001)']);
    propose(d, 'Requests!A2');
    expect(d.callServer<ActionResult>('offerTrainers', 'R-00001', [trainerId(d, 'Olga Ivanova')]).ok).toBe(true);

    const [offer] = mailsTo(d, 'olga@example.org');
    expect(offer.subject).toBe('Заявка на обучение R-00001: возьмётесь?');
    expect(offer.body).toContain('Заявка: R-00001\nДля кого: Кооператив\nЯзык: Русский\nТемы: Consent decision-making; Meeting facilitation\nФормат: онлайн');
    expect(offer.body).toContain(
      'Почему вы: вы ведёте обе запрошенные темы: Consent decision-making, Meeting facilitation; тот же часовой пояс; вы работаете в нужном формате (онлайн); у вас ещё не было заказов через службу поддержки',
    );
    expect(offer.body).not.toMatch(ENGLISH_OR_INTERNAL);
    // The Offers row keeps what the email said, next to the help desk's own reasons.
    expect(String(d.records('Offers')[0]['Why you'])).toMatch(/^вы ведёте обе запрошенные темы/);

    d.submitForm(FORMS.offer, d.prefilledAnswers(linkAfter(offer.body, 'Принять')));
    const intro = d.outbox().find((m) => m.subject.startsWith('Знакомство'))!;
    expect(intro.subject).toBe('Знакомство: Иван Петров и Olga Ivanova (R-00001)');
    expect(intro.to.sort()).toEqual(['ivan@example.org', 'olga@example.org']);
    expect(intro.body).toContain('Язык: Русский');
    expect(intro.body).toContain('Подробности: Жилищный кооператив.');
    expect(intro.body).not.toMatch(ENGLISH_OR_INTERNAL);
  });
});

describe('a Spanish requester and trainer', () => {
  it('get the acknowledgement, the offer and the reminder in Spanish; the help desk is told nobody else fits, in subject and body', () => {
    const d = world();
    d.submitForm(
      FORMS.client,
      clientAnswers({
        'Your name': 'Marta Gómez',
        'Your email': 'marta@example.org',
        Organisation: 'Cooperativa Sol',
        'Language of the training': 'Español (Spanish)',
        'Your time zone': 'Europe/Madrid',
        Format: 'in person',
        'Location (if in person)': 'Madrid',
      }),
    );
    setting(d, 'helpdesk.email', 'helpdesk@example.org');
    expect(mailsTo(d, 'marta@example.org')[0].subject).toBe('Hemos recibido tu solicitud (R-00001)');
    propose(d, 'Requests!A2');
    d.callServer<ActionResult>('offerTrainers', 'R-00001', [trainerId(d, 'Lucía Pérez')]);

    const [offer] = mailsTo(d, 'lucia@example.org');
    expect(offer.subject).toBe('Solicitud de formación R-00001: ¿puedes encargarte?');
    expect(offer.body).toContain(
      'Solicitud: R-00001\nPara: Cooperativa Sol\nIdioma: Español\nTemas: Consent decision-making; Meeting facilitation\nFormato: presencial, Madrid',
    );
    expect(offer.body).toMatch(/Por qué tú: dominas los dos temas solicitados: Consent decision-making, Meeting facilitation; misma zona horaria;/);
    expect(offer.body).not.toMatch(ENGLISH_OR_INTERNAL);

    d.advanceClock(3 * DAY + 3600_000);
    const reminder = mailsTo(d, 'lucia@example.org')[1];
    expect(reminder.subject).toBe('Recordatorio: la solicitud de formación R-00001 espera tu respuesta');
    expect(reminder.body).toContain('Formato: presencial, Madrid');
    expect(reminder.body).not.toMatch(ENGLISH_OR_INTERNAL);

    // Nobody else speaks Spanish: the subject must not promise a next candidate.
    d.advanceClock(4 * DAY);
    expect(d.records('Offers')[0].Answer).toBe('expired');
    const notice = mailsTo(d, 'helpdesk@example.org').at(-1)!;
    expect(notice.subject).toBe('R-00001: Lucía Pérez did not answer the offer in time — nobody else fits');
    expect(notice.body).toMatch(/Nobody else fits this request/);
    expect(notice.subject + notice.body).not.toMatch(/next candidate proposed/i);
  });

  it('the help desk reads its notices in its own language (Settings helpdesk.language)', () => {
    const d = world();
    setting(d, 'helpdesk.email', 'helpdesk@example.org');
    setting(d, 'helpdesk.language', 'es');
    d.submitForm(FORMS.client, clientAnswers({ 'Your email': 'marta@example.org', 'Language of the training': 'Español (Spanish)' }));
    propose(d, 'Requests!A2');
    d.callServer<ActionResult>('offerTrainers', 'R-00001', [trainerId(d, 'Lucía Pérez')]);
    d.submitForm(FORMS.offer, d.prefilledAnswers(linkAfter(mailsTo(d, 'lucia@example.org')[0].body, 'Rechazar')));
    const notice = mailsTo(d, 'helpdesk@example.org').at(-1)!;
    expect(notice.subject).toBe('R-00001: Lucía Pérez rechazó la oferta — no hay nadie más que encaje');
    expect(notice.body).toContain('No hay nadie más que encaje con esta solicitud.');
  });
});

describe('invisible and bidi control characters', () => {
  it('a right-to-left override in a name does not reach the introduction subject', () => {
    const d = world();
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Ana \u202Egnp.exe\u202C Lima', 'Language of the training': 'Español (Spanish)' }));
    propose(d, 'Requests!A2');
    d.callServer<ActionResult>('connectTrainer', 'R-00001', trainerId(d, 'Lucía Pérez'));
    const intro = d.outbox().find((m) => m.subject.startsWith('Presentación'))!;
    expect(intro.subject).toBe('Presentación: Ana gnp.exe Lima y Lucía Pérez (R-00001)');
    for (const m of d.outbox()) expect(m.subject).not.toMatch(BIDI);
  });

  it('an email answer with a trailing zero-width space is the address, not a review', () => {
    const d = world();
    d.submitForm(FORMS.client, clientAnswers({ 'Your email': 'ana.lima@example.org\u200B' }));
    const [req] = d.records('Requests');
    expect(req.Status).toBe('new');
    expect(req.Email).toBe('ana.lima@example.org');
    expect(mailsTo(d, 'ana.lima@example.org').map((m) => m.subject)).toEqual(['Recebemos o seu pedido (R-00001)']);
  });
});

describe('answers keep what the respondent typed', () => {
  it('"0123" stays "0123" although the responses sheet holds the number 123', () => {
    const d = world();
    d.submitForm(FORMS.client, clientAnswers({ 'Location (if in person)': '0123', 'Preferred dates or period': '2027' }));
    const responses = d.sheet(`Responses: ${FORMS.client}`);
    const col = responses.rows[0].findIndex((c) => c?.v === 'Location (if in person)');
    expect(responses.rows[1][col]?.v).toBe(123);
    const [req] = d.records('Requests');
    expect(req.Location).toBe('0123');
    expect(req.Dates).toBe('2027');
    expect(req['Group size']).toBe(12);
  });
});
