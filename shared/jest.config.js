import { swcJestTransform } from '../jest.swc.js';

export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: swcJestTransform,
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
