/**
 * Scenario: a careless help desk works in the "Responses: …" sheets and the registry sheets
 * (sorts, deletes a spam row, inserts rows, sorts Requests by hand) while responses keep
 * arriving and are edited. Every response stays one request, of the right person, acknowledged
 * exactly once; an edited response updates its own request.
 */
import { Driver } from '@training-help-desk/gas-emulator/driver';
import type { ActionResult } from '../../src/ui/contracts';
import { clientAnswers, FORMS, linkAfter, matchingWorld, profileAnswers, requestRows, setUpWorld } from '../support/world';

const HOUR = 3600_000;
const RESPONSES = `Responses: ${FORMS.client}`;

const people = [
  ['Carla Mendes', 'carla@example.org'],
  ['Ana Lima', 'ana@example.org'],
  ['Bruno Reis', 'bruno@example.org'],
] as const;

function submit(d: Driver, name: string, email: string, over: Record<string, string> = {}) {
  const r = d.submitForm(FORMS.client, clientAnswers({ 'Your name': name, 'Your email': email, ...over }));
  expect(r.triggerResults.map((t) => t.error)).toEqual([undefined]);
  d.advanceClock(1000);
  return r;
}

/** Every request is one person, once; each person got exactly one acknowledgement. */
function expectOneRequestPerPerson(d: Driver, emails: string[]) {
  const rows = requestRows(d);
  expect(rows.map((r) => String(r.Email)).sort()).toEqual([...emails].sort());
  expect(new Set(rows.map((r) => String(r['Response key']))).size).toBe(rows.length);
  for (const email of emails) {
    const acks = d.outbox().filter((m) => m.to.includes(email));
    expect({ email, acks: acks.length }).toEqual({ email, acks: 1 });
  }
}

function catchUp(d: Driver) {
  d.advanceClock(HOUR);
  d.answerNext('alert', 'OK');
  Driver.check(d.clickMenu('Process form responses'), 'Process form responses');
}

function headerCol(d: Driver, sheet: string, header: string): number {
  return (d.sheet(sheet).rows[0] ?? []).findIndex((c) => c?.v === header) + 1;
}

describe('identity that survives people', () => {
  it('sorting a responses sheet by name, then more submissions: nobody becomes somebody else', () => {
    const d = setUpWorld();
    for (const [n, e] of people) submit(d, n, e);
    d.personEdits(RESPONSES, (s) => s.sort(headerCol(d, RESPONSES, 'Your name')));
    expect(d.sheetValues(RESPONSES)[1]).toContain('Ana Lima');
    submit(d, 'Dora Alves', 'dora@example.org');
    submit(d, 'Eva Nunes', 'eva@example.org');
    catchUp(d);
    expectOneRequestPerPerson(d, [...people.map((p) => p[1]), 'dora@example.org', 'eva@example.org']);
    const byEmail = new Map(requestRows(d).map((r) => [String(r.Email), String(r.Requester)]));
    expect(byEmail.get('carla@example.org')).toBe('Carla Mendes');
    expect(byEmail.get('eva@example.org')).toBe('Eva Nunes');
  });

  it('deleting a spam row, then a new submission: the new one is a new request, acknowledged; none is overwritten', () => {
    const d = setUpWorld();
    for (const [n, e] of people) submit(d, n, e);
    d.personEdits(RESPONSES, (s) => s.deleteRow(3));
    submit(d, 'Dora Alves', 'dora@example.org');
    catchUp(d);
    expectOneRequestPerPerson(d, [...people.map((p) => p[1]), 'dora@example.org']);
  });

  it('inserting empty rows (and a filter-style sort descending by time): nothing is lost or doubled', () => {
    const d = setUpWorld();
    for (const [n, e] of people) submit(d, n, e);
    d.personEdits(RESPONSES, (s) => s.insertRowsBefore(3, 2));
    submit(d, 'Dora Alves', 'dora@example.org');
    d.personEdits(RESPONSES, (s) => s.sort(1, false));
    submit(d, 'Eva Nunes', 'eva@example.org');
    catchUp(d);
    expectOneRequestPerPerson(d, [...people.map((p) => p[1]), 'dora@example.org', 'eva@example.org']);
  });

  it('an edited response after a sort updates its own request, without a second acknowledgement', () => {
    const d = setUpWorld();
    const first = submit(d, 'Carla Mendes', 'carla@example.org');
    submit(d, 'Ana Lima', 'ana@example.org');
    d.personEdits(RESPONSES, (s) => s.sort(headerCol(d, RESPONSES, 'Your name')));
    d.submitForm(FORMS.client, { 'Group size': '30' }, { editOf: first.responseId });
    catchUp(d);
    const rows = requestRows(d);
    expect(rows).toHaveLength(2);
    const carla = rows.find((r) => r.Email === 'carla@example.org')!;
    expect(carla['Group size']).toBe(30);
    expect(rows.find((r) => r.Email === 'ana@example.org')!['Group size']).toBe(12);
    expectOneRequestPerPerson(d, ['carla@example.org', 'ana@example.org']);
  });

  it('two responses in the same second are two requests; blank and repeated events add nothing', () => {
    const d = setUpWorld();
    const at = d.store.clock.now;
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Ana Lima', 'Your email': 'ana@example.org' }), { at, blankDuplicate: true });
    d.submitForm(FORMS.client, clientAnswers({ 'Your name': 'Bruno Reis', 'Your email': 'bruno@example.org' }), { at, redelivered: true });
    catchUp(d);
    expectOneRequestPerPerson(d, ['ana@example.org', 'bruno@example.org']);
  });

  it('sorting Requests by hand, then an edited response: the right request is updated', () => {
    const d = setUpWorld();
    const first = submit(d, 'Carla Mendes', 'carla@example.org');
    submit(d, 'Ana Lima', 'ana@example.org');
    d.personEdits('Requests', (s) => s.sort(headerCol(d, 'Requests', 'Requester')));
    d.submitForm(FORMS.client, { Organisation: 'Casa Azul' }, { editOf: first.responseId });
    catchUp(d);
    const rows = requestRows(d);
    expect(rows.map((r) => [r.Id, r.Requester, r['Organisation or circle']])).toEqual([
      ['R-00002', 'Ana Lima', 'Casa Verde'],
      ['R-00001', 'Carla Mendes', 'Casa Azul'],
    ]);
    expectOneRequestPerPerson(d, ['carla@example.org', 'ana@example.org']);
  });

  it('a response key is the form response id, and the hourly run over known responses reads no form response', () => {
    const d = setUpWorld();
    const r = submit(d, 'Ana Lima', 'ana@example.org');
    expect(requestRows(d)[0]['Response key']).toBe(r.responseId);
    d.resetCalls();
    d.advanceClock(HOUR);
    expect(Object.keys(d.calls()).filter((k) => /getResponses|FormResponse\.get/.test(k))).toEqual([]);
  });

  it('a registry from before response ids (keys "sheetId:row") is not imported again', () => {
    const d = setUpWorld();
    submit(d, 'Ana Lima', 'ana@example.org');
    const sheet = d.sheet('Requests');
    const col = headerCol(d, 'Requests', 'Response key') - 1;
    const responsesId = d.sheet(RESPONSES).sheetId;
    sheet.rows[1]![col] = { v: `${responsesId}:2` };
    d.advanceClock(HOUR);
    catchUp(d);
    expect(requestRows(d)).toHaveLength(1);
  });

  it('sorting Offers and Trainers by hand, then answers and a profile update: the right rows change', () => {
    const d = matchingWorld();
    d.select('Requests!A2');
    Driver.check(d.clickMenu('Propose trainers'));
    const id = (name: string) => String(d.records('Trainers').find((t) => t.Name === name)!.Id);
    expect(d.callServer<ActionResult>('offerTrainers', 'R-00001', [id('João Silva'), id('Ana Souza')]).ok).toBe(true);
    d.personEdits('Offers', (s) => s.sort(headerCol(d, 'Offers', 'Trainer'), false));
    d.personEdits('Trainers', (s) => s.sort(headerCol(d, 'Trainers', 'Name'), false));
    d.advanceClock(HOUR);
    const toAna = d.outbox().find((m) => m.to.includes('ana@example.org'))!;
    d.submitForm(FORMS.offer, d.prefilledAnswers(linkAfter(toAna.body, 'Recusar')));
    const answers = new Map(d.records('Offers').map((o) => [String(o.Trainer), String(o.Answer)]));
    expect(answers.get(id('Ana Souza'))).toBe('declined');
    expect(answers.get(id('João Silva'))).toBe('pending');
    // From Pedro's personal link (it carries his profile code): applied at once.
    const code = String(d.records('Trainers').find((t) => t.Email === 'pedro@example.org')!['Profile code']);
    d.submitForm(FORMS.profile, profileAnswers('Pedro Costa', 'pedro@example.org', { 'Gigs per month you can take': '4', 'Profile code': code }));
    const trainers = d.records('Trainers');
    expect(trainers).toHaveLength(4);
    expect(trainers.find((t) => t.Email === 'pedro@example.org')!['Capacity per month']).toBe(4);
    expect(trainers.find((t) => t.Email === 'joao@example.org')!.Name).toBe('João Silva');
  });
});
