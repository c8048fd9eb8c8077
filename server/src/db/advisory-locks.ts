/**
 * Every Postgres advisory lock key the server takes, in one place so two purposes never share a key
 * (a shared key once made a start-up seed wait forever on the scheduler's leader lock).
 */
export const ADVISORY_LOCKS = {
  /** Migrations at start: instances starting together run them once. */
  migrations: 727_001,
  /** Held for life by the instance that runs the scheduler. */
  schedulerLeader: 727_002,
  /** The demo seed: two seeders never write the same street. */
  demoSeed: 727_003,
  /** Issuing a flood warning, per street (with the street as second key): one household, one open task. */
  floodIssue: 727_004,
  /**
   * The commit fence: every committing transaction holds it shared from taking its event seqs to its
   * end; a reader that takes it exclusively knows no seq below the sequence's value is still in flight.
   */
  commitFence: 727_005,
} as const;
