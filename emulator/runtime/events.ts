/**
 * Trigger events built inside the realm from plain specs sent by the host driver.
 * Services register builders for the event kinds that need their objects (e.g. a Range).
 */
export type EventSpec = { kind: string } & Record<string, unknown>;
type Builder = (spec: EventSpec) => Record<string, unknown>;

const builders: Record<string, Builder> = {};

export function registerEventBuilder(kind: string, build: Builder): void {
  builders[kind] = build;
}

export function buildEvent(spec: EventSpec | undefined): unknown {
  if (!spec) return undefined;
  const build = builders[spec.kind];
  if (!build) {
    // Plain events (doGet parameters, time-driven fields) need no service objects.
    const { kind: _kind, ...rest } = spec;
    return rest;
  }
  return build(spec);
}
