/** Scenario: requests arrive through the forms, as Google delivers them, into the built dist/Code.js. */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import { clientAnswers, FORMS, logRows, requestRows, setSetting, setUp, setUpWorld } from '../support/world';

const HOUR = 3600_000;

function mailTo(d: Driver, address: string) {
  return d.outbox().filter((m) => m.to.includes(address));
}

describe('a client asks for a training', () => {
  it("lands once in Requests, typed, with a link to the raw response, and is acknowledged in the client's language", () => {
    const d = setUpWorld();
    const r = d.submitForm(FORMS.client, clientAnswers());
    expect(r.triggerResults.map((t) => t.error)).toEqual([undefined]);
    const [req] = requestRows(d);
    expect(req).toMatchObject({
      Id: 'R-00001',
      Origin: 'client',
      Status: 'new',
      Requester: 'Ana Lima',
      Email: 'ana.lima@example.org',
      Language: 'pt',
      'Skills wanted': 'Consent decision-making; Meeting facilitation',
      'Group size': 12,
      'Review reason': '',
    });
    // The response itself, in the form's Responses → Individual view: sorting a sheet cannot break it.
    expect(String(req.Response)).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/[^/]+\/edit#response=.+$/);
    const ack = mailTo(d, 'ana.lima@example.org');
    expect(ack).toHaveLength(1);
    expect(ack[0].subject).toBe('Recebemos o seu pedido (R-00001)');
    expect(ack[0].htmlBody).toContain('Olá Ana Lima');
    // The help desk's notice waits for the daily summary (helpdesk.notify; see inbox.test.ts).
    expect(mailTo(d, 'helpdesk@example.org')).toEqual([]);
    expect(
      d
        .records('Outbox')
        .filter((o) => o.Status === 'held')
        .map((o) => o.Subject),
    ).toEqual(['New client request R-00001 (new)']);
    expect(logRows(d).map((l) => l.action)).toEqual(expect.arrayContaining(['Request received', 'Email sent']));
  });

  it('keeps the raw response sheet exactly as Google wrote it', () => {
    const d = setUpWorld();
    d.submitForm(FORMS.client, clientAnswers());
    const raw = d.sheetValues(`Responses: ${FORMS.client}`);
    expect(raw).toHaveLength(2);
    expect(raw[1]).toContain('Ana Lima');
  });

  it('falls back to English for a language without a template', () => {
    const d = setUpWorld();
    // Every language the registry offers by default has its templates; the help desk adds Swedish, which has none yet.
    const languages = d.sheet('Settings').rows.find((r) => r?.[0]?.v === 'languages')!;
    languages[1] = { v: 'en, pt, sv' };
    d.submitForm(FORMS.client, clientAnswers({ 'Language of the training': 'Svenska (Swedish)', 'Your email': 'jan@example.org' }));
    expect(d.records('Requests')[0].Language).toBe('sv');
    expect(mailTo(d, 'jan@example.org')[0].subject).toBe('We received your request (R-00001)');
  });
});

describe('every origin', () => {
  it.each([
    [
      FORMS.facilitator,
      'find-a-facilitator',
      { 'Your name': 'Li', 'Your email': 'li@example.org', 'Language of the meeting': 'English', 'Facilitator you would like (if any)': 'Maria' },
    ],
    [FORMS.circle, 'circle', { 'Your name': 'Sam', 'Your email': 'sam@example.org', 'Your circle': 'Training Circle', 'Language of the training': 'English' }],
    [
      FORMS.trainerInitiated,
      'trainer-initiated',
      {
        'Trainer name': 'Bo',
        'Trainer email': 'bo@example.org',
        'Training title': 'Sociocracy 101',
        'Language of the training': 'English',
        'Fee per participant and currency': '40 USD',
        'Who promotes the training?': 'both',
      },
    ],
    [
      FORMS.standard,
      'sofa-standard',
      {
        Training: 'Sociocracy Basics',
        'Requested by': 'Learner Admin',
        'Your email': 'learners@example.org',
        'Language of the training': 'Español (Spanish)',
        Dates: 'April',
      },
    ],
  ])('%s becomes a %s request', (title, origin, answers) => {
    const d = setUpWorld();
    d.submitForm(title, answers as Record<string, string>);
    const [req] = requestRows(d);
    expect(req.Origin).toBe(origin);
    expect(req.Status).toBe('new');
  });
});

describe('bad input: the row is still written, marked for review, and nothing unsafe is sent', () => {
  it.each([
    ['an invalid email', { 'Your email': 'ana at example dot org' }, /invalid email/],
    ['a missing email', { 'Your email': undefined }, /missing answer: Your email/],
    ['two emails with a comma', { 'Your email': 'a@example.org, b@example.org' }, /more than one email/],
    ['two emails with a semicolon', { 'Your email': 'a@example.org; b@example.org' }, /more than one email/],
    ['a missing required answer', { 'Your name': undefined }, /missing answer: Your name/],
    ['an unknown language', { 'Language of the training': 'Klingon' }, /unknown language "Klingon"/],
  ])('%s', (_what, over, reason) => {
    const d = setUpWorld();
    const r = d.submitForm(FORMS.client, clientAnswers(over));
    expect(r.triggerResults[0].ok).toBe(true);
    const [req] = requestRows(d);
    expect(req.Status).toBe('needs review');
    expect(String(req['Review reason'])).toMatch(reason);
    const toClient = d.outbox().filter((m) => !m.to.includes('helpdesk@example.org'));
    if (/email/.test(String(req['Review reason']))) expect(toClient).toHaveLength(0);
    // The Log says that a row needs review, never what the person typed.
    for (const l of logRows(d)) {
      expect(l.details + l.subject).not.toMatch(/@|Klingon|ana at example/);
    }
  });

  it('a 50,000-character answer is cut to fit its cell and flagged; the raw response keeps it', () => {
    const d = setUpWorld();
    d.submitForm(FORMS.client, clientAnswers({ 'Anything else we should know?': 'é'.repeat(49990) + ' end of a very long text' }));
    const [req] = requestRows(d);
    expect(String(req.Details).length).toBeLessThanOrEqual(50000);
    expect(req.Status).toBe('needs review');
    expect(String(req['Review reason'])).toMatch(/answer cut to fit a cell/);
  });

  it('emoji, right-to-left and Cyrillic text arrive unchanged', () => {
    const d = setUpWorld();
    const text = 'Привет 👋 — שלום — مرحبا — ação';
    d.submitForm(FORMS.client, clientAnswers({ 'Anything else we should know?': text, 'Your name': 'Ольга 🌱' }));
    const [req] = requestRows(d);
    expect(req.Details).toBe(text);
    expect(req.Requester).toBe('Ольга 🌱');
    expect(mailTo(d, 'ana.lima@example.org')[0].htmlBody).toContain('Ольга 🌱');
  });

  it.each(['=HYPERLINK("http://evil.example","click")', '+1 555 0100', '-1', '@SUM(A1:A2)', '\t=1+1', '\r=1+1', '\n=1+1'])(
    'text %j is stored as text, never a formula, and stays text when the script rewrites it',
    (text) => {
      const d = setUpWorld();
      const first = d.submitForm(FORMS.client, clientAnswers({ 'Your name': text, 'Anything else we should know?': text, Organisation: text }));
      const sheet = d.sheet('Requests');
      for (const row of sheet.rows) for (const cell of row ?? []) expect(cell?.f).toBeUndefined();
      const [req] = requestRows(d);
      expect(req.Requester).toBe(text.trim());
      expect(req.Details).toBe(text.trim() === text ? text : text.trim());
      // An edit makes the script read the row back and write it again: what it read stays text.
      d.advanceClock(60_000);
      d.submitForm(FORMS.client, clientAnswers({ 'Your name': text, 'Anything else we should know?': text, Organisation: text, 'Group size': '13' }), {
        editOf: first.responseId,
      });
      expect(requestRows(d)[0]['Group size']).toBe(13);
      for (const row of d.sheet('Requests').rows) for (const cell of row ?? []) expect(cell?.f).toBeUndefined();
      expect(requestRows(d)[0]['Organisation or circle']).toBe(text.trim());
    },
  );

  it('escapes what people typed in every email the request causes (acknowledgement, help-desk notice)', () => {
    const d = setUpWorld();
    setSetting(d, 'helpdesk.notify', 'immediate');
    const typed = '<img src=x onerror=alert(1)>';
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': typed, Organisation: typed, 'Anything else we should know?': typed }));
    const ack = mailTo(d, 'ana.lima@example.org')[0];
    expect(ack.htmlBody).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(d.outbox().length).toBeGreaterThanOrEqual(2);
    for (const m of d.outbox()) expect(m.htmlBody ?? '').not.toContain('<img');
  });
});

describe('exactly once', () => {
  it('a registry set up by an earlier version: its spreadsheet trigger (blank duplicate included) adds nothing, the hourly run takes the response in, Set up moves to one trigger per form', () => {
    const d = setUpWorld();
    const owner = d.store.triggers[0].owner;
    // What Set up of earlier versions left: one form-submit trigger on the spreadsheet, none on the forms.
    d.store.triggers = d.store.triggers.filter((t) => t.eventType !== 'ON_FORM_SUBMIT');
    d.store.triggers.push({
      uid: '4000000000000000legacy',
      handler: 'onFormSubmit',
      owner,
      eventType: 'ON_FORM_SUBMIT',
      source: 'SPREADSHEETS',
      sourceId: d.spreadsheetId,
    });
    const r = d.submitForm(FORMS.client, clientAnswers(), { blankDuplicate: true });
    expect(r.triggerResults.map((t) => t.ok)).toEqual([true, true]);
    expect(requestRows(d)).toHaveLength(0);
    d.advanceClock(HOUR);
    expect(requestRows(d)).toHaveLength(1);
    expect(mailTo(d, 'ana.lima@example.org')).toHaveLength(1);
    setUp(d);
    const onSubmit = d.store.triggers.filter((t) => t.eventType === 'ON_FORM_SUBMIT');
    expect(onSubmit.map((t) => t.source)).toEqual(Object.keys(d.store.forms).map(() => 'FORMS'));
    expect(new Set(onSubmit.map((t) => t.sourceId))).toEqual(new Set(Object.keys(d.store.forms)));
    const next = d.submitForm(FORMS.client, clientAnswers({ 'Your email': 'bruno@example.org' }));
    expect(next.triggerResults.map((t) => t.ok)).toEqual([true]);
    expect(requestRows(d)).toHaveLength(2);
    expect(mailTo(d, 'ana.lima@example.org')).toHaveLength(1);
  });

  it('the same response delivered twice gives one row and one email', () => {
    const d = setUpWorld();
    const r = d.submitForm(FORMS.client, clientAnswers(), { redelivered: true });
    expect(r.triggerResults.map((t) => t.ok)).toEqual([true, true]);
    expect(requestRows(d)).toHaveLength(1);
    expect(mailTo(d, 'ana.lima@example.org')).toHaveLength(1);
    expect(logRows(d).map((l) => l.action)).toContain('Duplicate form response ignored');
  });

  it('an edited response updates its row without a second acknowledgement', () => {
    const d = setUpWorld();
    const first = d.submitForm(FORMS.client, clientAnswers());
    d.advanceClock(HOUR / 4);
    d.submitForm(FORMS.client, clientAnswers({ 'Group size': '30' }), { editOf: first.responseId });
    const rows = requestRows(d);
    expect(rows).toHaveLength(1);
    expect(rows[0]['Group size']).toBe(30);
    expect(mailTo(d, 'ana.lima@example.org')).toHaveLength(1);
    expect(logRows(d).map((l) => l.action)).toContain('Request updated from edited response');
  });

  it('two submissions interleaved with a menu action keep distinct ids and lose nothing', () => {
    const d = setUpWorld();
    // A menu action of the help desk holds the lock while the first response arrives.
    d.holdScriptLock(10 * 60_000);
    const a = d.submitForm(FORMS.client, clientAnswers({ 'Your email': 'a@example.org' }));
    expect(a.triggerResults[0].ok).toBe(true);
    expect(requestRows(d)).toHaveLength(0);
    // The Log is written under the lock only: the deferral goes to the execution log instead.
    expect(logRows(d).map((l) => l.action)).not.toContain('Form response deferred');
    expect(a.triggerResults[0].logs.map((l) => l.message).join('\n')).toMatch(/busy/);
    d.releaseScriptLock();
    d.submitForm(FORMS.client, clientAnswers({ 'Your email': 'b@example.org' }));
    Driver.check(d.clickMenu('Check registry'));
    d.advanceClock(HOUR);
    const rows = requestRows(d);
    expect(rows.map((r) => r.Email).sort()).toEqual(['a@example.org', 'b@example.org']);
    expect(new Set(rows.map((r) => r.Id)).size).toBe(2);
  });

  it("an event from a form that is not one of this registry's forms is logged, not thrown", () => {
    const d = setUpWorld();
    const submitted = d.submitForm(FORMS.client, clientAnswers());
    const trigger = d.store.triggers.find((t) => t.eventType === 'ON_FORM_SUBMIT')!;
    const formId = Object.values(d.store.forms).find((f) => f.title === FORMS.client)!.id;
    // The registry no longer knows that form (replaced by Set up after someone deleted it, say).
    d.store.properties.document['form.client'] = 'another-form-id';
    const r = d.emu.run(trigger.handler, {
      kind: 'trigger',
      user: trigger.owner,
      triggerUid: trigger.uid,
      event: { kind: 'formResponse', formId, responseId: submitted.responseId, triggerUid: trigger.uid, authMode: 'FULL' },
    });
    expect(r.ok).toBe(true);
    expect(logRows(d).map((l) => l.action)).toContain('Form response ignored');
    expect(requestRows(d)).toHaveLength(1);
  });
});
