/** Test layers (see README "Tests"): each is a jest project; `npm test` runs them all. */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2021' }, module: { type: 'commonjs' } }] };
const layer = (name, dir, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform,
  testMatch: [`<rootDir>/tests/${dir}/**/*.test.ts`],
  ...extra,
});
module.exports = {
  projects: [
    layer('unit', 'unit'),
    layer('gate', 'gate'),
    layer('emulator', 'emulator'),
    layer('scenario', 'scenario'),
    layer('browser', 'browser'),
  ],
};
