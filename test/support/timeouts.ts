// Booting the server over a fresh database (and seeding a street on PGlite) takes tens of seconds on
// a loaded 2-core machine; the authorization matrix walks every route × role × jurisdiction. These are
// ceilings for hung tests, not performance targets (those are benchmarks: docs/PERFORMANCE.md).
jest.setTimeout(Number(process.env.TEST_TIMEOUT_MS ?? 300_000));
