import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A transfer step's phone id, unique per user: a step resent after a lost answer answers the step it took. */
export class FloodStepClientId1795511526145 implements MigrationInterface {
  name = 'FloodStepClientId1795511526145';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "flood_step" ADD "client_id" uuid`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d2b7b7b2c7ae91d262b09974c1" ON "flood_step"  ("actor_id", "client_id") WHERE client_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_d2b7b7b2c7ae91d262b09974c1"`);
    await queryRunner.query(`ALTER TABLE "flood_step" DROP COLUMN "client_id"`);
  }
}
