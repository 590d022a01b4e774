/** Test layers (see README "Tests"): each is a jest project; `npm test` runs them all. */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2021' }, module: { type: 'commonjs' } }] };
const layer = (name, dir, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform,
  testMatch: [`<rootDir>/${dir}/**/*.test.ts`],
  ...extra,
});
module.exports = {
  // Tests run in a worker process that jest replaces once it holds more than this after a file. Without
  // it, on a 2-core machine jest runs every file inside its own main process (one worker or fewer means in band),
  // and the emulator worlds of ~100 files add up past Node's 4 GB heap (CI died at 20 minutes).
  workerIdleMemoryLimit: '1500MB',
  projects: [
    layer('unit', 'tests/unit'),
    layer('gate', 'tests/gate'),
    // The emulator package's own conformance tests, beside it.
    layer('emulator', 'emulator/tests'),
    layer('scenario', 'tests/scenario'),
    layer('browser', 'tests/browser'),
  ],
};
