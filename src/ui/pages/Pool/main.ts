/// <reference lib="dom" />
/**
 * Preview of "Propose for all new requests": the whole-pool assignment as a table, and one
 * button that sends those offers.
 */
import type { PoolView } from '../../contracts';
import { call } from '../../rpc';
import { errorText, h, say, setBusy } from '../../shared/dom';

const app = document.getElementById('app') as HTMLElement;
const pool = document.getElementById('pool') as HTMLElement;
const message = document.getElementById('message') as HTMLElement;

const fmt = (n: number): string => {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
};

function render(view: PoolView): void {
  const total = view.rows.length;
  const table = h(
    'table',
    {},
    h('caption', { class: 'vh' }, 'Proposed trainer per request'),
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, 'Request'), h('th', { scope: 'col' }, 'Proposed trainer'), h('th', { scope: 'col', class: 'num' }, 'Score')),
    ),
    h(
      'tbody',
      {},
      ...view.rows.map((r) =>
        h(
          'tr',
          { class: r.trainerId ? 'has' : 'none', 'data-request': r.requestId },
          h('th', { scope: 'row' }, h('span', { class: 'id' }, r.requestId), h('span', { class: 'summary' }, r.summary)),
          r.trainerId
            ? h('td', {}, r.trainerName ?? r.trainerId)
            : h('td', { class: 'nobody' }, h('span', { class: 'label' }, 'No one'), h('span', { class: 'reason' }, r.reason ?? '')),
          h('td', { class: 'num' }, r.score !== undefined && r.trainerId ? fmt(r.score) : '—'),
        ),
      ),
    ),
  );
  const totals = h(
    'p',
    { class: 'totals' },
    h('strong', {}, `${view.assigned} of ${total}`),
    ` request${total === 1 ? '' : 's'} get a trainer`,
    view.unassigned ? `, ${view.unassigned} without` : '',
    `. Total score ${fmt(view.totalScore)}.`,
  );
  const send = h('button', { type: 'button', class: 'primary', disabled: view.assigned === 0 }, 'Send these offers');
  send.addEventListener('click', () => void sendOffers(send));
  pool.replaceChildren(
    total ? h('div', { class: 'table-wrap' }, table) : h('p', { class: 'empty' }, 'There are no new requests to propose for.'),
    totals,
    h('div', { class: 'actions' }, send),
  );
}

async function sendOffers(button: HTMLButtonElement): Promise<void> {
  setBusy(app, true);
  say(message, 'Sending offers…');
  try {
    const res = await call('sendPoolOffers');
    setBusy(app, false);
    say(message, res.message, res.ok ? 'ok' : 'error');
    // Sent once: the preview is now history; reopen the dialog for a fresh one.
    if (res.ok) button.disabled = true;
  } catch (err) {
    setBusy(app, false);
    say(message, `The offers were not sent: ${errorText(err)}`, 'error');
  }
}

async function load(): Promise<void> {
  try {
    const view = await call('loadPoolPreview');
    render(view);
    say(message, view.assigned ? `Preview ready: ${view.assigned} offer${view.assigned === 1 ? '' : 's'} to send.` : 'Preview ready: no offers to send.');
  } catch (err) {
    say(message, `Could not prepare the preview: ${errorText(err)}`, 'error');
  }
}

void load();
