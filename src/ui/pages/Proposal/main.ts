/// <reference lib="dom" />
/**
 * The "Propose trainers" sidebar: ranked candidates per request with the reasons for each
 * score, offers, direct introductions and skips. Every action goes through google.script.run
 * and re-renders from the view the server returns.
 */
import type { ActionResult, CandidateView, ProposalView, RequestProposal } from '../../contracts';
import type { Criterion } from '../../../domain/matching-types';
import { call } from '../../rpc';
import { errorText, h, say, setBusy } from '../../shared/dom';

const CRITERION_LABELS: Record<Criterion['criterion'], string> = {
  skills: 'Topics',
  timeZone: 'Time zone',
  format: 'Format',
  fairness: 'Fair rotation',
  feedback: 'Feedback',
  preference: 'Asked for by name',
};

const app = document.getElementById('app') as HTMLElement;
const list = document.getElementById('requests') as HTMLElement;
const message = document.getElementById('message') as HTMLElement;
const policy = document.getElementById('policy') as HTMLElement;

let view: ProposalView | undefined;
/** Checked candidates per request, kept across re-renders. */
const selected = new Map<string, Set<string>>();
/** Requests whose inline skip form is open. */
const skipping = new Set<string>();

const fmt = (n: number): string => {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
};
const words = (s: string): string => (s ? s.charAt(0).toUpperCase() + s.slice(1).replace(/-/g, ' ') : s);

function render(): void {
  list.replaceChildren();
  policy.replaceChildren();
  if (!view) return;
  if (view.requests.length === 0) {
    list.append(h('p', { class: 'empty' }, 'No requests are waiting for a proposal.'));
  }
  for (const p of view.requests) list.append(renderRequest(p));
  const weights = Object.entries(view.weights)
    .map(([k, w]) => `${(CRITERION_LABELS[k as Criterion['criterion']] ?? k).toLowerCase()} ${w}`)
    .join(', ');
  policy.append(h('p', {}, `Showing the best ${view.topN} per request. Score weights (Settings sheet): ${weights}.`));
  const f = view.fairness;
  if (f) {
    policy.append(
      h(
        'p',
        { class: 'fairness' },
        `Fair rotation: ${f.offers} offer${f.offers === 1 ? '' : 's'} among ${f.trainers} active trainer${f.trainers === 1 ? '' : 's'} in the last ${f.windowDays} days — ${f.min} to ${f.max} each, Gini ${f.gini.toFixed(2)} (0 is perfectly even).`,
      ),
    );
  }
}

function renderRequest(p: RequestProposal): HTMLElement {
  const r = p.request;
  const headingId = `req-${r.id}`;
  const facts = [r.format, r.dates, r.groupSize !== undefined ? `${r.groupSize} people` : undefined].filter(Boolean).join(' · ');
  const section = h(
    'section',
    { class: 'request', 'aria-labelledby': headingId, 'data-request': r.id },
    h(
      'header',
      { class: 'request-head' },
      h('h2', { id: headingId, tabindex: -1 }, r.id, ' ', h('span', { class: 'origin' }, words(r.origin))),
      h('p', { class: 'meta' }, [r.languageLabel || r.language, r.organisation, r.requester].filter(Boolean).join(' · ')),
      r.skills.length ? h('ul', { class: 'tags', 'aria-label': 'Topics' }, ...r.skills.map((s) => h('li', {}, s))) : null,
      facts ? h('p', { class: 'meta' }, facts) : null,
      r.assigned ? h('p', { class: 'meta' }, `Assigned: ${r.assigned}`) : null,
    ),
  );

  const sel = selected.get(r.id) ?? new Set<string>();
  selected.set(r.id, sel);
  if (p.ranked.length === 0) {
    section.append(
      h(
        'p',
        { class: 'empty' },
        p.gap
          ? `No one fits this request: ${p.gap}. See why not below${p.excluded.some((x) => x.filter === 'topics') ? ' for who comes closest' : ''}.`
          : 'No one fits this request: see why not below.',
      ),
    );
  } else {
    const ol = h('ol', { class: 'candidates', 'aria-label': `Candidates for ${r.id}` });
    for (const c of p.ranked) ol.append(renderCandidate(r.id, c, sel));
    section.append(ol);
  }

  const actions = h('div', { class: 'actions' });
  if (p.ranked.length) {
    const offer = h('button', { type: 'button', class: 'primary' }, 'Offer to selected');
    offer.addEventListener('click', () => {
      const ids = p.ranked.filter((c) => sel.has(c.trainerId)).map((c) => c.trainerId);
      if (ids.length === 0) {
        say(message, 'Select one or more trainers first.', 'error');
        return;
      }
      void act(r.id, () => call('offerTrainers', r.id, ids));
    });
    actions.append(offer);
  }
  const skip = h('button', { type: 'button', 'aria-expanded': String(skipping.has(r.id)) }, 'Skip');
  skip.addEventListener('click', () => {
    if (skipping.has(r.id)) skipping.delete(r.id);
    else skipping.add(r.id);
    render();
    (document.getElementById(`skip-reason-${r.id}`) ?? skipButton(r.id))?.focus();
  });
  skip.dataset.skip = r.id;
  actions.append(skip);
  section.append(actions);
  if (skipping.has(r.id)) section.append(renderSkipForm(r.id));

  section.append(renderOffers(p));
  section.append(
    h(
      'details',
      { class: 'why-not' },
      h('summary', {}, `Why not (${p.excluded.length})`),
      p.excluded.length ? h('ul', {}, ...p.excluded.map((x) => h('li', {}, h('strong', {}, x.name), ` — ${x.reason}`))) : h('p', {}, 'Nobody was left out.'),
    ),
  );
  return section;
}

function skipButton(requestId: string): HTMLElement | null {
  return list.querySelector<HTMLElement>(`[data-skip="${CSS.escape(requestId)}"]`);
}

function renderCandidate(requestId: string, c: CandidateView, sel: Set<string>): HTMLElement {
  const boxId = `pick-${requestId}-${c.trainerId}`;
  const box = h('input', { type: 'checkbox', id: boxId, value: c.trainerId, checked: sel.has(c.trainerId) });
  box.addEventListener('change', () => (box.checked ? sel.add(c.trainerId) : sel.delete(c.trainerId)));
  const bar = h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', {}));
  (bar.firstElementChild as HTMLElement).style.width = `${Math.max(0, Math.min(100, c.score))}%`;
  const connect = h('button', { type: 'button', class: 'link', 'aria-label': `Connect ${c.name} with the requester` }, 'Connect');
  connect.addEventListener('click', () => void act(requestId, () => call('connectTrainer', requestId, c.trainerId)));
  return h(
    'li',
    { class: 'candidate', 'data-trainer': c.trainerId },
    h(
      'div',
      { class: 'cand-head' },
      box,
      h('label', { for: boxId, class: 'name' }, c.name),
      h('span', { class: 'score' }, h('span', { class: 'vh' }, 'score '), fmt(c.score)),
    ),
    bar,
    c.offer ? h('p', { class: `badge ${c.offer}` }, `Offer ${c.offer}`) : null,
    h(
      'div',
      { class: 'cand-foot' },
      h(
        'details',
        { class: 'why' },
        h('summary', {}, 'Why'),
        h(
          'ul',
          {},
          ...c.breakdown.map((k) =>
            h(
              'li',
              {},
              h('span', { class: 'crit' }, CRITERION_LABELS[k.criterion] ?? k.criterion),
              h('span', { class: 'pts' }, `${fmt(k.points)} / ${fmt(k.weight)}`),
              h('span', { class: 'reason' }, k.reason),
            ),
          ),
        ),
      ),
      connect,
    ),
  );
}

function renderSkipForm(requestId: string): HTMLElement {
  const inputId = `skip-reason-${requestId}`;
  const input = h('input', { type: 'text', id: inputId, name: 'reason', autocomplete: 'off' });
  const cancel = h('button', { type: 'button' }, 'Cancel');
  cancel.addEventListener('click', () => {
    skipping.delete(requestId);
    render();
    skipButton(requestId)?.focus();
  });
  const form = h(
    'form',
    { class: 'skip-form' },
    h('label', { for: inputId }, 'Reason for skipping (optional)'),
    input,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Skip request'), cancel),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(requestId, () => call('skipRequest', requestId, input.value.trim()));
  });
  return form;
}

function renderOffers(p: RequestProposal): HTMLElement {
  const box = h('div', { class: 'offers' }, h('h3', {}, 'Offers'));
  if (!p.offers.length) box.append(h('p', { class: 'muted' }, 'No offers yet.'));
  else {
    box.append(
      h(
        'ul',
        {},
        ...p.offers.map((o) =>
          h('li', {}, h('span', { class: 'name' }, o.name), h('span', { class: `badge ${o.answer}` }, o.answer), h('span', { class: 'muted' }, o.offeredAt)),
        ),
      ),
    );
  }
  return box;
}

/** Runs one server action with every control disabled, then shows its message and new view. */
async function act(requestId: string, run: () => Promise<ActionResult>): Promise<void> {
  setBusy(app, true);
  say(message, 'Working…');
  try {
    const res = await run();
    if (res.view) {
      view = res.view;
      skipping.delete(requestId);
      if (res.ok) selected.delete(requestId);
    }
    render();
    say(message, res.message, res.ok ? 'ok' : 'error');
    const heading = document.getElementById(`req-${requestId}`) ?? document.getElementById('page-title');
    heading?.focus();
  } catch (err) {
    setBusy(app, false);
    say(message, `That did not work: ${errorText(err)}`, 'error');
  } finally {
    app.setAttribute('aria-busy', 'false');
  }
}

async function load(): Promise<void> {
  try {
    view = await call('loadProposals');
    render();
    const n = view.requests.length;
    say(message, n === 1 ? '1 request to propose for.' : `${n} requests to propose for.`);
  } catch (err) {
    say(message, `Could not load the requests: ${errorText(err)}`, 'error');
    const retry = h('button', { type: 'button' }, 'Try again');
    retry.addEventListener('click', () => {
      retry.remove();
      say(message, 'Loading requests…');
      void load();
    });
    list.replaceChildren(retry);
  }
}

void load();
