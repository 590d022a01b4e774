/// <reference lib="dom" />
/**
 * The public facilitator directory (served by doGet). The server embeds the DirectoryView as
 * `window.DIRECTORY`; the page only filters it. Cards keep the server's order (today's fair
 * rotation). Only contract fields are rendered, always as text.
 */
import type { DirectoryEntry, DirectoryView } from '../../contracts';
import { fold, h } from '../../shared/dom';

declare global {
  interface Window {
    DIRECTORY?: DirectoryView;
  }
}

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const q = $<HTMLInputElement>('q');
const lang = $<HTMLSelectElement>('lang');
const skill = $<HTMLSelectElement>('skill');
const count = $<HTMLElement>('count');
const cards = $<HTMLElement>('cards');

interface Card {
  entry: DirectoryEntry;
  el: HTMLElement;
  haystack: string;
}

function renderCard(e: DirectoryEntry): HTMLElement {
  const place = [e.region, e.country].filter(Boolean).join(', ');
  const headingId = `f-${e.id}`;
  return h(
    'li',
    { class: 'card', 'data-id': e.id },
    h(
      'article',
      { 'aria-labelledby': headingId },
      h('h2', { id: headingId }, e.name),
      place ? h('p', { class: 'place' }, place) : null,
      e.languages.length ? h('p', { class: 'langs' }, h('span', { class: 'vh' }, 'Languages:'), e.languages.map((l) => l.label).join(' · ')) : null,
      e.skills.length ? h('ul', { class: 'tags', 'aria-label': 'Skills' }, ...e.skills.map((s) => h('li', {}, s))) : null,
      e.bio ? h('p', { class: 'bio' }, e.bio) : null,
      h(
        'a',
        { class: 'request', href: e.requestUrl, target: '_blank', rel: 'noopener' },
        'Request this facilitator',
        h('span', { class: 'vh' }, `(${e.name}, opens in a new tab)`),
      ),
    ),
  );
}

function start(view: DirectoryView): void {
  document.title = view.title;
  $('title').textContent = view.title;
  $<HTMLAnchorElement>('ask').href = view.requestUrl;
  for (const l of view.languages) lang.append(h('option', { value: l.code }, l.label));
  for (const s of view.skills) skill.append(h('option', { value: s }, s));
  if (view.generatedAt) $('updated').textContent = `List updated ${view.generatedAt.slice(0, 10)}.`;

  const all: Card[] = view.facilitators.map((entry) => ({
    entry,
    el: renderCard(entry),
    haystack: fold([entry.name, entry.skills.join(' '), entry.bio, entry.region, entry.country].join(' ')),
  }));
  cards.replaceChildren(...all.map((c) => c.el));

  const apply = (): void => {
    const words = fold(q.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const c of all) {
      const ok =
        (!lang.value || c.entry.languages.some((l) => l.code === lang.value)) &&
        (!skill.value || c.entry.skills.includes(skill.value)) &&
        words.every((w) => c.haystack.includes(w));
      c.el.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown === 0 ? 'No facilitators match. Try fewer filters, or ask us to find one.' : `${shown} facilitator${shown === 1 ? '' : 's'}`;
  };
  q.addEventListener('input', apply);
  lang.addEventListener('change', apply);
  skill.addEventListener('change', apply);
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  apply();
}

if (window.DIRECTORY && Array.isArray(window.DIRECTORY.facilitators)) start(window.DIRECTORY);
else count.textContent = 'The directory is not available right now. Please try again later.';
