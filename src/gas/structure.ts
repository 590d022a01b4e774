/**
 * The structure guard: a registry sheet the script relies on must exist under its name and
 * hold every column the script manages (and every required column), found by header. When one
 * is missing or renamed, the action stops before writing anything — guessing would re-import
 * responses or write into the wrong column — and says which sheet and column, and how to fix it.
 * Moving a column is fine: columns are found by header.
 */
import type { SheetSpec } from '../domain/registry';

export interface StructureProblem {
  sheet: string;
  /** The missing column's header; undefined when the whole sheet is missing. */
  column?: string;
  message: string;
}

/** An action stopped because the registry's structure is broken. */
export class StructureError extends Error {
  /** The Log's action for it. */
  readonly logAction: string = 'Registry structure broken';

  constructor(readonly problems: StructureProblem[]) {
    super(problems.map((p) => p.message).join(' '));
    this.name = 'StructureError';
  }
}

const FIX = 'choose Training Help Desk → Set up registry to restore it';

export function missingSheetProblem(spec: SheetSpec): StructureProblem {
  return {
    sheet: spec.name,
    message: `The "${spec.name}" sheet is missing. If you renamed it, rename it back to "${spec.name}"; if it was deleted, restore it from File → Version history, or ${FIX} (empty).`,
  };
}

/** The columns of `spec` the script cannot work without (managed or required) that `headers` lacks. */
export function structureProblems(spec: SheetSpec, headers: string[]): StructureProblem[] {
  const have = new Set(headers.map((h) => String(h).trim().toLowerCase()));
  return spec.columns
    .filter((c) => (c.managed || c.required) && !have.has(c.header.toLowerCase()))
    .map((c) => ({
      sheet: spec.name,
      column: c.header,
      message: `The ${spec.name} sheet has no "${c.header}" column${c.managed ? ' (the script fills it in)' : ''}. If you renamed it, rename it back to "${c.header}"; otherwise ${FIX} (it is added at the end of the header row).`,
    }));
}

const LAST_REPORTED = 'structure.lastReported';

/**
 * Whether this problem is news for the Log: the hourly run and every form submission meet the
 * same problem until someone fixes it, and the Log should say it once. Remembers it.
 */
export function isNewProblem(message: string): boolean {
  const props = PropertiesService.getDocumentProperties();
  const text = message.slice(0, 8000);
  if (props.getProperty(LAST_REPORTED) === text) return false;
  props.setProperty(LAST_REPORTED, text);
  return true;
}

/** Forgets the last reported problem (after a repair), so a new occurrence is logged again. */
export function forgetReportedProblem(): void {
  PropertiesService.getDocumentProperties().deleteProperty(LAST_REPORTED);
}
