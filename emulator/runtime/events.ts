/**
 * Trigger events built inside the realm from plain specs sent by the host driver.
 * Services register builders for the event kinds that need their objects (e.g. a Range).
 */
import { AuthMode } from './script';

export type EventSpec = { kind: string } & Record<string, unknown>;
type Builder = (spec: EventSpec) => Record<string, unknown>;

const builders: Record<string, Builder> = {};

export function registerEventBuilder(kind: string, build: Builder): void {
  builders[kind] = build;
}

export function buildEvent(spec: EventSpec | undefined): unknown {
  if (!spec) return undefined;
  const build = builders[spec.kind];
  // Plain events (doGet parameters, time-driven fields) need no service objects.
  const { kind: _kind, ...rest } = spec;
  const event = build ? build(spec) : rest;
  // e.authMode is the ScriptApp.AuthMode enum object of this execution, never its name
  // (https://developers.google.com/apps-script/guides/triggers/events: "authMode: A value from the
  // ScriptApp.AuthMode enum"); the host sends the name.
  if ('authMode' in event) event.authMode = authModeOf(event.authMode);
  return event;
}

/** The AuthMode enum value named by a spec (a value that is already an enum stays). */
export function authModeOf(mode: unknown): unknown {
  return typeof mode === 'string' ? AuthMode[mode as keyof typeof AuthMode] : mode;
}
