/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.jest.json" }],
  },
  // A guard against hangs, not a speed limit: tests assert behaviour, npm run bench prints timings.
  // Generous because a shared 2-core machine can be many times slower than an idle one.
  testTimeout: 300_000,
  globalSetup: "<rootDir>/test/global-setup.js",
};
