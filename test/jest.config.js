const swcrc = JSON.parse(require('fs').readFileSync(__dirname + '/../server/.swcrc', 'utf8'));
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper: {
    '^@gridboard/shared$': '<rootDir>/../packages/shared/src/index.ts',
    '^@gridboard/server/(.*)$': '<rootDir>/../server/src/$1',
    '^@gridboard/client/(.*)$': '<rootDir>/../client/src/$1',
  },
};
/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...base,
      displayName: 'api',
      testMatch: ['<rootDir>/api/**/*.test.ts', '<rootDir>/realtime/**/*.test.ts'],
      globalSetup: '<rootDir>/support/global-setup.ts',
      globalTeardown: '<rootDir>/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/support/timeouts.ts'],
    },
    {
      ...base,
      displayName: 'browser',
      testMatch: ['<rootDir>/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/support/browser-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/support/timeouts.ts'],
    },
  ],
  maxWorkers: 2,
};
