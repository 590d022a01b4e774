/**
 * The registry's sheets as data: names, columns and layout. Set up creates or repairs the
 * spreadsheet from this description; nothing else in the code knows column positions.
 */

export interface ColumnSpec {
  /** The header the help desk sees; columns are found by header, never by position. */
  header: string;
}

export interface SheetSpec {
  name: string;
  columns: ColumnSpec[];
  /** Header rows kept visible while scrolling. */
  frozenRows: number;
}

const cols = (...headers: string[]): ColumnSpec[] => headers.map((header) => ({ header }));

export const TRAINERS: SheetSpec = {
  name: 'Trainers',
  frozenRows: 1,
  columns: cols('Id', 'Name', 'Email', 'Roles', 'Languages', 'Skills', 'Country', 'Time zone', 'Capacity per month', 'Status', 'Listed in directory', 'Exchange agreement', 'Bio', 'Notes'),
};

export const REQUESTS: SheetSpec = {
  name: 'Requests',
  frozenRows: 1,
  columns: cols('Id', 'Received', 'Origin', 'Requester', 'Email', 'Organisation or circle', 'Language', 'Skills wanted', 'Format', 'Dates', 'Group size', 'Budget', 'Details', 'Status', 'Proposed', 'Assigned', 'Response'),
};

export const SETTINGS: SheetSpec = {
  name: 'Settings',
  frozenRows: 1,
  columns: cols('Key', 'Value', 'Description'),
};

export const LOG: SheetSpec = {
  name: 'Log',
  frozenRows: 1,
  columns: cols('Time', 'User', 'Action', 'Subject', 'Details'),
};

/** The registry in the order its sheets appear. */
export const REGISTRY: SheetSpec[] = [TRAINERS, REQUESTS, SETTINGS, LOG];

/** Headers the sheet lacks, in spec order (what Set up will add at the end of the header row). */
export function missingHeaders(spec: SheetSpec, existing: string[]): string[] {
  const have = new Set(existing.map((h) => h.trim().toLowerCase()));
  return spec.columns.map((c) => c.header).filter((h) => !have.has(h.toLowerCase()));
}
