/** Jest runs TypeScript through SWC; decorator metadata is kept for TypeORM. */
const swc = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/standards', '<rootDir>/kit', '<rootDir>/subgraphs', '<rootDir>/gateway'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    // jose 6 is ESM only: Node 24 requires it from CommonJS, but jest's module loader does not, so SWC makes it CommonJS.
    '/node_modules/jose/.+\\.js$': ['@swc/jest', { ...swc, jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testTimeout: 60000,
  // A suite whose setup failed can leave a pool or server open; never let that hang CI.
  forceExit: true,
};
