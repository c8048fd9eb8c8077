import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event seqs are assigned inside COMMIT. A command inserts its events with a provisional negative seq;
 * a deferred constraint trigger, which PostgreSQL runs as part of COMMIT, takes the next seqs from the
 * `event_seq` counter row and writes them. The counter's row lock is held from there to the end of the
 * commit: seq order is commit order, seqs have no holes, and the lock never waits for a round trip to
 * the application (whose event loop may be busy) — the one serialization point of every write stays short.
 */
export class EventSeqAtCommit1795378084971 implements MigrationInterface {
  name = 'EventSeqAtCommit1795378084971';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "event_provisional_seq"`);
    await queryRunner.query(`CREATE FUNCTION event_assign_seq() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  next_seq bigint;
BEGIN
  UPDATE event_seq SET last = last + 1 WHERE id = 1 RETURNING last INTO next_seq;
  UPDATE event SET seq = next_seq WHERE seq = NEW.seq;
  RETURN NULL;
END
$$`);
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER event_assign_seq AFTER INSERT ON "event" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.seq < 0) EXECUTE FUNCTION event_assign_seq()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER event_assign_seq ON "event"`);
    await queryRunner.query(`DROP FUNCTION event_assign_seq()`);
    await queryRunner.query(`DROP SEQUENCE "event_provisional_seq"`);
  }
}
