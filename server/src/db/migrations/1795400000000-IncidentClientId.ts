import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A report's device id, unique per reporter: a retried report answers the incident it made. */
export class IncidentClientId1795400000000 implements MigrationInterface {
  name = 'IncidentClientId1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incident" ADD "client_id" uuid`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_5e7a5402b0a70dfdb6ac3f6894" ON "incident"  ("reported_by_id", "client_id") WHERE client_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_5e7a5402b0a70dfdb6ac3f6894"`);
    await queryRunner.query(`ALTER TABLE "incident" DROP COLUMN "client_id"`);
  }
}
