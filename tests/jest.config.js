import { swcJestTransform } from '../jest.swc.js';

/**
 * Cross-package tests: black-box API tests over HTTP and WebSocket (api/)
 * and browser tests of the built client (e2e/). Every test file starts the
 * built server (server/dist/main.js) as a child process against a database
 * of its own: a fresh database on DATABASE_URL's server when it is set,
 * otherwise the server's own embedded PostgreSQL in a fresh temp folder.
 */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/api', '<rootDir>/e2e'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: swcJestTransform,
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 60000,
};
