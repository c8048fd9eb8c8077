// Booting the server over a fresh database takes seconds on a 2-core machine.
jest.setTimeout(Number(process.env.TEST_TIMEOUT_MS ?? 60_000));
