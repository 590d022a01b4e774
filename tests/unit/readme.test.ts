import * as fs from 'node:fs';
import * as path from 'node:path';
import { readmeWithReference } from '../../scripts/reference';

it('the README reference matches the registry, forms and settings in src/domain (run `npm run docs`)', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
  expect(readmeWithReference(readme)).toBe(readme);
});
