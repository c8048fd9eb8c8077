import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ADVISORY_LOCKS } from '../advisory-locks';

const FENCE = ADVISORY_LOCKS.commitFence;

/**
 * Event seqs come from a sequence, still inside COMMIT, instead of a counter row. The row's lock was
 * held until the commit record was flushed, so commits went one WAL flush at a time and a slow flush
 * held up every writer behind it; without it, concurrent commits share flushes (group commit).
 * Seqs are now taken in the order transactions reach COMMIT, but one may become visible a moment
 * before a smaller one, and a seq whose transaction then fails is never used. Readers wait such a
 * hole out with the commit fence: each committer holds it shared from taking its seqs to its end, so
 * once a reader has held it exclusively, every seq below the ones it saw is visible or never will be
 * (EventRelay, Db.snapshot).
 */
export class EventSeqFromSequence1795390000000 implements MigrationInterface {
  name = 'EventSeqFromSequence1795390000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "event_seq_next"`);
    await queryRunner.query(
      `SELECT setval('event_seq_next', greatest(last, 1), last > 0) FROM event_seq WHERE id = 1`,
    );
    await queryRunner.query(`DROP TABLE "event_seq"`);
    await queryRunner.query(`ALTER SEQUENCE "event_seq_next" RENAME TO "event_seq"`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION event_assign_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(${FENCE});
  UPDATE event SET seq = nextval('event_seq') WHERE seq = NEW.seq;
  RETURN NULL;
END
$$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "event_seq_row" ("id" integer NOT NULL, "last" bigint NOT NULL, PRIMARY KEY ("id"))`);
    await queryRunner.query(`INSERT INTO "event_seq_row" ("id", "last") SELECT 1, coalesce(max(seq), 0) FROM event`);
    await queryRunner.query(`DROP SEQUENCE "event_seq"`);
    await queryRunner.query(`ALTER TABLE "event_seq_row" RENAME TO "event_seq"`);
    await queryRunner.query(`ALTER TABLE "event_seq" RENAME CONSTRAINT "event_seq_row_pkey" TO "PK_5b99e7d20a0a0570708049e1cf3"`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION event_assign_seq() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  next_seq bigint;
BEGIN
  UPDATE event_seq SET last = last + 1 WHERE id = 1 RETURNING last INTO next_seq;
  UPDATE event SET seq = next_seq WHERE seq = NEW.seq;
  RETURN NULL;
END
$$`);
  }
}
