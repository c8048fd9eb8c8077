const swcrc = require('fs').readFileSync(__dirname + '/.swcrc', 'utf8');
/** Unit specs live beside the code; tests that need a database or sockets live in /test. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...JSON.parse(swcrc), swcrc: false }] },
  moduleNameMapper: { '^@gridboard/shared$': '<rootDir>/../packages/shared/src/index.ts' },
};
