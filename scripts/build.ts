/** `npm run build`: src/ → dist/Code.js (+ appsscript.json, inlined HTML pages), gated. */
import * as path from 'node:path';
import { bundleApp, GateError } from './bundle';

const root = path.resolve(__dirname, '..');

bundleApp({ srcDir: path.join(root, 'src'), outDir: path.join(root, 'dist') })
  .then((r) => {
    console.log(
      `dist/Code.js ${(r.bytes / 1024).toFixed(1)} KB, entry points: ${r.entryPoints.join(', ')}${r.pages.length ? `; pages: ${r.pages.join(', ')}` : ''}`,
    );
  })
  .catch((err: unknown) => {
    console.error(err instanceof GateError ? err.message : err);
    process.exitCode = 1;
  });
