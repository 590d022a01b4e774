/** Contract-shaped data and fake servers for the browser tests. Names are fictional. */
import type { ActionResult, DirectoryEntry, DirectoryView, PoolResult, PoolView, ProposalView } from '../../src/ui/contracts';
import type { Criterion } from '../../src/domain/matching-types';
import type { ServerFn } from '@training-help-desk/gas-emulator/browser';

export const WEIGHTS = { skills: 40, timeZone: 15, format: 10, fairness: 20, feedback: 10, preference: 5 };

function why(values: Record<Criterion['criterion'], [number, string]>): Criterion[] {
  return (Object.keys(values) as Criterion['criterion'][]).map((criterion) => {
    const [value, reason] = values[criterion];
    const weight = WEIGHTS[criterion];
    return { criterion, value, weight, points: Math.round(value * weight * 10) / 10, reason };
  });
}

export function proposalView(): ProposalView {
  return {
    weights: { ...WEIGHTS },
    topN: 5,
    fairness: { windowDays: 90, trainers: 12, offers: 9, min: 0, max: 2, gini: 0.38 },
    requests: [
      {
        request: {
          id: 'R-00042',
          origin: 'client',
          status: 'new',
          language: 'pt',
          languageLabel: 'Português (Portuguese)',
          skills: ['Consent decision-making', 'Rounds', 'Roles and elections'],
          format: 'online',
          dates: '12–14 March 2026',
          groupSize: 18,
          organisation: 'Cooperativa Horta Viva',
          requester: 'Marta Figueiredo',
        },
        ranked: [
          {
            trainerId: 'T-007',
            name: 'João Silva',
            score: 86.4,
            breakdown: why({
              skills: [1, '3 of 3 topics: Consent decision-making, Rounds, Roles and elections'],
              timeZone: [1, 'same time zone (UTC+00:00)'],
              format: [1, 'offers online'],
              fairness: [0.5, '1 offer in the last 90 days'],
              feedback: [0.82, 'feedback 4.3 of 5'],
              preference: [0, 'not asked for by name'],
            }),
          },
          {
            trainerId: 'T-012',
            name: 'Ana Beatriz Costa',
            score: 78.2,
            breakdown: why({
              skills: [0.67, '2 of 3 topics: Consent decision-making, Rounds'],
              timeZone: [0.63, '3 h apart (UTC-03:00)'],
              format: [1, 'offers online'],
              fairness: [1, 'no offers in the last 90 days'],
              feedback: [0.5, 'no feedback yet'],
              preference: [0, 'not asked for by name'],
            }),
          },
          {
            trainerId: 'T-003',
            name: 'Lukas Schäfer',
            score: 61,
            breakdown: why({
              skills: [0.33, '1 of 3 topics: Rounds'],
              timeZone: [0.88, '1 h apart (Europe/Berlin)'],
              format: [1, 'offers online'],
              fairness: [0.33, '2 offers in the last 90 days'],
              feedback: [1, 'feedback 5 of 5'],
              preference: [0, 'not asked for by name'],
            }),
          },
        ],
        excluded: [
          { trainerId: 'T-019', name: 'Олена Коваленко', filter: 'language', reason: 'speaks uk, en — request is in pt' },
          { trainerId: 'T-025', name: 'Fatima Zahra El Amrani', filter: 'capacity', reason: '2 of 2 gigs this month accepted' },
          { trainerId: 'T-031', name: 'Kwame Mensah', filter: 'status', reason: 'paused' },
        ],
        offers: [{ offerId: 'O-0009', trainerId: 'T-014', name: 'Sofía Ramírez', answer: 'pending', offeredAt: '2025-11-20' }],
      },
      {
        request: {
          id: 'R-00043',
          origin: 'find-a-facilitator',
          status: 'new',
          language: 'ja',
          languageLabel: '日本語 (Japanese)',
          skills: ['Meeting facilitation'],
          format: 'in person',
          dates: 'April 2026',
          groupSize: 40,
          organisation: 'Kyoto Commons',
        },
        ranked: [],
        excluded: [
          { trainerId: 'T-040', name: 'Aiko Tanaka', filter: 'capacity', reason: '1 of 1 gigs this month accepted' },
          { trainerId: 'T-007', name: 'João Silva', filter: 'language', reason: 'speaks pt, en — request is in ja' },
        ],
        offers: [],
        gap: 'every listed facilitator who speaks ja is at capacity',
      },
    ],
  };
}

/** A stateful fake of the proposal server functions; `fail` makes the named function throw. */
export function proposalServer(opts: { fail?: string } = {}): ServerFn {
  const view = proposalView();
  const find = (id: string) => {
    const p = view.requests.find((r) => r.request.id === id);
    if (!p) throw new Error(`Request ${id} not found`);
    return p;
  };
  return (fn, args): ProposalView | ActionResult => {
    if (fn === opts.fail) throw new Error('Registry is busy: another action holds the lock. Try again in a minute.');
    switch (fn) {
      case 'loadProposals':
        return view;
      case 'offerTrainers': {
        const [id, ids] = args as [string, string[]];
        const p = find(id);
        const names = p.ranked.filter((c) => ids.includes(c.trainerId)).map((c) => c.name);
        for (const c of p.ranked.filter((x) => ids.includes(x.trainerId))) {
          p.offers.push({ offerId: `O-01${p.offers.length}`, trainerId: c.trainerId, name: c.name, answer: 'pending', offeredAt: '2025-11-24' });
        }
        p.ranked = p.ranked.filter((c) => !ids.includes(c.trainerId));
        return { ok: true, message: `Offered ${id} to ${names.join(' and ')}.`, view };
      }
      case 'connectTrainer': {
        const [id, trainerId] = args as [string, string];
        const p = find(id);
        const c = p.ranked.find((x) => x.trainerId === trainerId);
        p.request.assigned = c?.name;
        return { ok: true, message: `Introduced ${p.request.requester ?? 'the requester'} and ${c?.name} by email.`, view };
      }
      case 'skipRequest': {
        const [id, reason] = args as [string, string];
        find(id);
        view.requests = view.requests.filter((r) => r.request.id !== id);
        return { ok: true, message: `Skipped ${id}${reason ? ` (${reason})` : ''}.`, view };
      }
      default:
        throw new Error(`Script function not found: ${fn}`);
    }
  };
}

export function poolView(): PoolView {
  return {
    rows: [
      { requestId: 'R-00042', summary: 'Client · pt · Consent decision-making, Rounds', trainerId: 'T-007', trainerName: 'João Silva', score: 86.4 },
      { requestId: 'R-00044', summary: 'Circle · de · Roles and elections', trainerId: 'T-003', trainerName: 'Lukas Schäfer', score: 72 },
      { requestId: 'R-00045', summary: 'Client · ru · Sociocracy basics', reason: 'nobody speaks ru' },
      { requestId: 'R-00046', summary: 'SoFA standard · es · Introduction to sociocracy', trainerId: 'T-014', trainerName: 'Sofía Ramírez', score: 90.5 },
      { requestId: 'R-00047', summary: 'Find a facilitator · ja · Meeting facilitation', reason: 'nobody has capacity left this month' },
    ],
    assigned: 3,
    unassigned: 2,
    totalScore: 248.9,
  };
}

export function poolServer(opts: { fail?: string } = {}): ServerFn {
  return (fn): PoolView | PoolResult => {
    if (fn === opts.fail) throw new Error('Mail quota reached for today: offers were queued in the Outbox.');
    if (fn === 'loadPoolPreview') return poolView();
    if (fn === 'sendPoolOffers') return { ok: true, message: 'Sent 3 offers. 2 requests still need someone.', offered: 3 };
    throw new Error(`Script function not found: ${fn}`);
  };
}

const FORM = 'https://docs.google.com/forms/d/e/1FAIpQLSfake/viewform?usp=pp_url&entry.1234=';
const entry = (e: Omit<DirectoryEntry, 'requestUrl'>): DirectoryEntry => ({ ...e, requestUrl: FORM + encodeURIComponent(e.name) });
const L = {
  en: { code: 'en', label: 'English' },
  pt: { code: 'pt', label: 'Português' },
  fr: { code: 'fr', label: 'Français' },
  uk: { code: 'uk', label: 'Українська' },
  ja: { code: 'ja', label: '日本語' },
  es: { code: 'es', label: 'Español' },
  de: { code: 'de', label: 'Deutsch' },
  vi: { code: 'vi', label: 'Tiếng Việt' },
};

export const XSS_BIO = 'I write about <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> and <b>bold</b> ideas.';

export function directoryView(): DirectoryView {
  return {
    title: 'Find a sociocracy facilitator',
    requestUrl: 'https://docs.google.com/forms/d/e/1FAIpQLSfake/viewform',
    generatedAt: '2025-11-24T06:00:00.000Z',
    languages: Object.values(L),
    skills: ['Consent decision-making', 'Conflict navigation', 'Meeting facilitation', 'Roles and elections', 'Strategy', 'Onboarding'],
    facilitators: [
      entry({
        id: 'T-040',
        name: 'Aiko Tanaka',
        languages: [L.ja, L.en],
        skills: ['Meeting facilitation', 'Onboarding'],
        region: 'Kansai',
        country: 'Japan',
        bio: 'I help neighbourhood associations and small companies run meetings where every voice counts.',
      }),
      entry({
        id: 'T-007',
        name: 'João Silva',
        languages: [L.pt, L.en],
        skills: ['Consent decision-making', 'Roles and elections'],
        region: 'Lisboa',
        country: 'Portugal',
        bio: 'Cooperatives, housing projects and schools. Twelve years of facilitating in Portuguese and English.',
      }),
      entry({
        id: 'T-019',
        name: 'Олена Коваленко',
        languages: [L.uk, L.en],
        skills: ['Conflict navigation', 'Meeting facilitation'],
        region: 'Львів',
        country: 'Україна',
        bio: 'Фасилітую зустрічі громадських організацій. Also working with international NGOs.',
      }),
      entry({
        id: 'T-014',
        name: 'Sofía Ramírez',
        languages: [L.es, L.en],
        skills: ['Strategy', 'Consent decision-making'],
        region: 'Oaxaca',
        country: 'México',
        bio: 'Acompaño a colectivos y empresas sociales a organizarse con sociocracia.',
      }),
      entry({
        id: 'T-003',
        name: 'Lukas Schäfer',
        languages: [L.de, L.en],
        skills: ['Roles and elections', 'Strategy'],
        region: 'Bayern',
        country: 'Deutschland',
        bio: 'Software teams and Wohnprojekte. I like clear agreements and short meetings.',
      }),
      entry({ id: 'T-052', name: 'Amara Okafor', languages: [L.en], skills: ['Conflict navigation'], region: 'Lagos', country: 'Nigeria', bio: XSS_BIO }),
      entry({
        id: 'T-061',
        name: 'Zoë Dubois',
        languages: [L.fr, L.en],
        skills: ['Meeting facilitation', 'Consent decision-making'],
        region: 'Québec',
        country: 'Canada',
        bio: 'Facilitatrice pour des coopératives d’habitation et des écoles alternatives.',
      }),
      entry({
        id: 'T-070',
        name: 'Nguyễn Thu Hà',
        languages: [L.vi, L.en],
        skills: ['Onboarding', 'Strategy'],
        region: 'Hà Nội',
        country: 'Việt Nam',
        bio: 'Supporting youth networks as they grow from five people to fifty.',
      }),
    ],
  };
}

/** The view as a careless server might send it: private fields the page must never show. */
export function leakyDirectoryView(): DirectoryView {
  const view = directoryView();
  view.facilitators = view.facilitators.map((e, i) =>
    Object.assign({}, e, { email: `person${i}@example.org`, rate: '€120 per hour', notes: 'PRIVATE NOTE: prefers weekends' }),
  );
  return view;
}

/** Fills the Directory template's scriptlet the way doGet does (JSON with "<" escaped). */
export function fillDirectory(view: unknown): (html: string) => string {
  const json = JSON.stringify(view).replace(/</g, '\\u003c');
  return (html) => html.replace('<?!= directoryJson ?>', () => json);
}
