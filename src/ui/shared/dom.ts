/// <reference lib="dom" />
/**
 * Tiny DOM helpers shared by the pages. Text always goes in through textContent, never
 * innerHTML: names, bios and reasons are user text.
 */
export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | undefined>;

/** Creates an element with attributes (false/undefined are omitted) and text or element children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

/** Appends children; strings and numbers become text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Shows a message in an aria-live region; `error` styles it as a failure. */
export function say(region: HTMLElement, text: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
  region.className = `message ${kind}`;
  region.textContent = text;
}

/** The message of whatever a failure handler received (Apps Script passes an Error). */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message);
  return String(err);
}

/** Disables (or re-enables) every button, input and select inside `root` while a call runs. */
export function setBusy(root: HTMLElement, busy: boolean): void {
  root.setAttribute('aria-busy', String(busy));
  for (const el of Array.from(root.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLSelectElement>('button, input, select'))) {
    if (busy) {
      if (el.disabled) el.dataset.wasDisabled = '1';
      el.disabled = true;
    } else {
      el.disabled = el.dataset.wasDisabled === '1';
      delete el.dataset.wasDisabled;
    }
  }
}

/** The registry's one text fold (src/domain/text.ts), so the directory searches as matching compares. */
export { foldText as fold } from '../../domain/text';
