/**
 * Profiles can't be taken over. A Trainer profile response for a trainer already in Trainers
 * applies only when it proves it comes from that person (their personal link's "Profile code",
 * or their own edited response); otherwise it waits as a pending change until they confirm it
 * from a link sent to the address on file. Role claims that matter to matching are granted only
 * by the help desk: they wait in "Roles claimed" until someone adds them to Roles.
 */
import type { Row } from './rows';

/** Roles that decide who is offered paid or certified work: granted by the help desk only. */
export const APPROVED_ROLES = ['certified trainer', 'certified consultant', 'mentor', 'trainer in certification'] as const;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/**
 * Splits the roles a trainer claims into those granted now (roles that need no approval, and
 * approved roles they already hold) and those that wait for the help desk.
 */
export function grantRoles(claimed: unknown, held: unknown): { roles: string[]; waiting: string[] } {
  const have = list(held);
  const roles: string[] = [];
  const waiting: string[] = [];
  for (const role of list(claimed)) {
    if ((APPROVED_ROLES as readonly string[]).includes(role) && !have.includes(role)) waiting.push(role);
    else roles.push(role);
  }
  return { roles, waiting };
}

/** What the "Pending change" cell holds: which response waits, since when, what it would change. */
export interface PendingChange {
  response: string;
  submitted: string;
  fields: string[];
}

export function readPending(cell: unknown): PendingChange | undefined {
  const text = String(cell ?? '').trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const p = JSON.parse(text) as Partial<PendingChange>;
    return typeof p.response === 'string' ? { response: p.response, submitted: String(p.submitted ?? ''), fields: list(p.fields) } : undefined;
  } catch {
    return undefined;
  }
}

export function writePending(p: PendingChange): string {
  return JSON.stringify(p);
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? '') === JSON.stringify(b ?? '');

/** Column headers whose values a response would change (for the help desk; never the values). */
export function changedFields(current: Row, proposed: Row, headerOf: (key: string) => string): string[] {
  return Object.keys(proposed)
    .filter((k) => proposed[k] !== undefined && !same(current[k], proposed[k]))
    .map(headerOf);
}
