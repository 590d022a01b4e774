import * as fs from 'node:fs';
import * as path from 'node:path';
import { readmeWithReference } from '../../scripts/reference';

it('the README reference matches the registry, forms and settings in src/domain (run `npm run docs`)', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
  expect(readmeWithReference(readme)).toBe(readme);
});

it('every key of the Settings table is described in src/defaults/settings.json, and nothing else', async () => {
  const { SETTING_SPECS } = await import('../../src/domain/settings');
  const { DEFAULT_SETTING_ROWS } = await import('../../src/defaults/defaults');
  expect(DEFAULT_SETTING_ROWS.map((r) => r.key)).toEqual(SETTING_SPECS.map((s) => s.key));
  for (const r of DEFAULT_SETTING_ROWS) expect(r.description.length).toBeGreaterThan(20);
});
