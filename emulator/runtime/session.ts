/**
 * Session: who is running. Email visibility follows the documented rule: the active user's
 * email is "" in any context that runs without that user's authorization (a simple trigger, a
 * web app executing as the developer, someone else's trigger), except when the user is the one
 * the code runs as / the script owner, or shares the owner's Google Workspace domain.
 */
import { rt, store, requireScope, SCOPES } from './context';
import { asGas, strict } from './strict';
import { base64Encode } from './blob';
import { sha256Bytes } from './utilities';

type GasUser = GoogleAppsScript.Base.User;
type GasSession = GoogleAppsScript.Base.Session;

/** Consumer domains never count as "the same Workspace domain". */
const CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

function sameWorkspaceDomain(a: string, b: string): boolean {
  const d = domainOf(a);
  return d !== '' && d === domainOf(b) && !CONSUMER_DOMAINS.has(d);
}

export function visibleActiveEmail(): string {
  const { exec, store: s } = rt();
  const active = exec.activeUser;
  // A simple trigger runs without authorization: the "authorizer" is nobody but the owner may see themself.
  const authorizer = exec.kind === 'simple' ? s.script.owner : exec.effectiveUser;
  if (active === authorizer || active === s.script.owner) return active;
  return sameWorkspaceDomain(active, authorizer) ? active : '';
}

type UserSurface = Pick<GasUser, 'getEmail'>;

class User implements UserSurface {
  constructor(private readonly _email: string) {
    return strict('User', this);
  }

  getEmail(): string {
    return this._email;
  }

  toString(): string {
    return this._email;
  }
}

type SessionSurface = Pick<GasSession, 'getActiveUser' | 'getEffectiveUser' | 'getScriptTimeZone' | 'getActiveUserLocale' | 'getTemporaryActiveUserKey'>;

class Session implements SessionSurface {
  constructor() {
    return strict('Session', this);
  }

  getActiveUser(): GasUser {
    requireScope('Session.getActiveUser', [SCOPES.email], { allowedInLimited: true });
    return asGas(new User(visibleActiveEmail()));
  }

  getEffectiveUser(): GasUser {
    requireScope('Session.getEffectiveUser', [SCOPES.email], { allowedInLimited: true });
    const { exec } = rt();
    // In a simple trigger the code runs as the person at the keyboard, whose email may be hidden.
    return asGas(new User(exec.kind === 'simple' ? visibleActiveEmail() : exec.effectiveUser));
  }

  getScriptTimeZone(): string {
    return store().script.timeZone;
  }

  getActiveUserLocale(): string {
    return 'en';
  }

  /** Stable per user and script (real keys also rotate every 30 days). */
  getTemporaryActiveUserKey(): string {
    return base64Encode(sha256Bytes(`${store().script.id}:${rt().exec.activeUser}`));
  }
}

export function createSession(): GasSession {
  return asGas<GasSession>(new Session());
}
