import { swcJestTransform } from '../jest.swc.js';

/** Feature tests against a real PostgreSQL: DATABASE_URL when set, else an embedded one started once per run. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: swcJestTransform,
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  globalSetup: '<rootDir>/jest.global-setup.js',
  globalTeardown: '<rootDir>/jest.global-teardown.js',
  testTimeout: 30000,
  maxWorkers: 2,
};
