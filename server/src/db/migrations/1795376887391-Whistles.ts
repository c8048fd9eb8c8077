import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Whistles1795376887391 implements MigrationInterface {
  name = 'Whistles1795376887391';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "whistle" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "street_id" uuid NOT NULL, "community_id" uuid NOT NULL, "grid_id" uuid NOT NULL, "department_ids" uuid array NOT NULL DEFAULT '{}', "incident_id" uuid NOT NULL, "incident_summary" jsonb NOT NULL, "reason" text NOT NULL, "level" integer NOT NULL DEFAULT '1', "state" text NOT NULL, "blown_at" TIMESTAMP WITH TIME ZONE NOT NULL, "blown_by_id" uuid, "blown_by_name" text NOT NULL, "resolve_by" TIMESTAMP WITH TIME ZONE NOT NULL, "overdue_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "drill_id" uuid, CONSTRAINT "PK_c234f4850f2e2c95ff1a2c59d66" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_79452efddc710c81b0fdbdd7a0" ON "whistle"  ("incident_id") WHERE state = 'open'`);
    await queryRunner.query(`CREATE INDEX "IDX_2fcb983841e59801b3df76b464" ON "whistle"  ("incident_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_f195aadcd9d6bc7357ce46a841" ON "whistle"  ("street_id", "state") `);
    await queryRunner.query(`CREATE TABLE "whistle_summons" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "whistle_id" uuid NOT NULL, "department_id" uuid NOT NULL, "department_name" text NOT NULL, "level" integer NOT NULL, "state" text NOT NULL, "summoned_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by_name" text, "arrived_at" TIMESTAMP WITH TIME ZONE, "arrived_lat" double precision, "arrived_lng" double precision, "arrived_by_name" text, "reported_at" TIMESTAMP WITH TIME ZONE, "result" text, "resolved" boolean, "escalated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_689381de3f88cab515ce7a2657e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_714c4e87c91133fa40dc590604" ON "whistle_summons"  ("deadline") WHERE escalated_at IS NULL AND state IN ('summoned', 'acknowledged')`);
    await queryRunner.query(`CREATE INDEX "IDX_cfc2a9d3176d3d7068e96ccd86" ON "whistle_summons"  ("department_id", "summoned_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ff49080fc062e4cb3f645591d0" ON "whistle_summons"  ("whistle_id", "department_id") `);
    await queryRunner.query(`CREATE TABLE "whistle_step" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "whistle_id" uuid NOT NULL, "summons_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_name" text NOT NULL, "actor_role" text NOT NULL, "action" text NOT NULL, "note" text, "detail" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_6d70d5aecfdd63763f5e11689ee" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_7567f2195704f54066fa670f91" ON "whistle_step"  ("whistle_id", "at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_7567f2195704f54066fa670f91"`);
    await queryRunner.query(`DROP TABLE "whistle_step"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ff49080fc062e4cb3f645591d0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cfc2a9d3176d3d7068e96ccd86"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_714c4e87c91133fa40dc590604"`);
    await queryRunner.query(`DROP TABLE "whistle_summons"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f195aadcd9d6bc7357ce46a841"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2fcb983841e59801b3df76b464"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_79452efddc710c81b0fdbdd7a0"`);
    await queryRunner.query(`DROP TABLE "whistle"`);
  }
}
