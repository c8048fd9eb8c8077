import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AlarmAck1795387524131 implements MigrationInterface {
  name = 'AlarmAck1795387524131';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "alarm_ack" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" text NOT NULL, "kind" text NOT NULL, "item_id" uuid NOT NULL, "street_id" uuid NOT NULL, "community_id" uuid, "grid_id" uuid, "department_ids" uuid array NOT NULL DEFAULT '{}', "street_wide" boolean NOT NULL DEFAULT false, "by_id" uuid NOT NULL, "by_name" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ee1c7abf91ac09799fcfc532cf7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_37f7c9c68ca2f20a7d5764c9a9" ON "alarm_ack"  ("key") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_37f7c9c68ca2f20a7d5764c9a9"`);
    await queryRunner.query(`DROP TABLE "alarm_ack"`);
  }
}
