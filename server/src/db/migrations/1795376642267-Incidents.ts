import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Incidents1795376642267 implements MigrationInterface {
  name = 'Incidents1795376642267';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "incident_category" ("code" text NOT NULL, "label_zh" text NOT NULL, "label_en" text NOT NULL, "sort" integer NOT NULL DEFAULT '100', "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_50a11b2cf3ba754a7322a911ded" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "deadline_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "match_key" text NOT NULL, "category" text, "severity" text, "source" text, "hours" double precision NOT NULL, "calendar" text NOT NULL, CONSTRAINT "UQ_7aaaefb0b0f55611ea2c574e372" UNIQUE ("match_key"), CONSTRAINT "PK_0ac54b0651f1224656d6fcaffae" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "workday_override" ("date" text NOT NULL, "workday" boolean NOT NULL, "note" text NOT NULL DEFAULT '', CONSTRAINT "PK_94e5e97766bdecc67e7a2d3eca9" PRIMARY KEY ("date"))`);
    await queryRunner.query(`CREATE TABLE "incident_state_label" ("street_id" uuid NOT NULL, "state" text NOT NULL, "label_zh" text NOT NULL, "label_en" text NOT NULL, CONSTRAINT "PK_48917e544c73f2bb98b9fb33ebc" PRIMARY KEY ("street_id", "state"))`);
    await queryRunner.query(`CREATE TABLE "incident_import_mapping" ("street_id" uuid NOT NULL, "source" text NOT NULL, "columns" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4d00196ec1a2480d26e379277f1" PRIMARY KEY ("street_id", "source"))`);
    await queryRunner.query(`CREATE TABLE "incident_counter" ("street_id" uuid NOT NULL, "day" text NOT NULL, "last" integer NOT NULL, CONSTRAINT "PK_39a0c0e59eba4006b842d991058" PRIMARY KEY ("street_id", "day"))`);
    await queryRunner.query(`CREATE TABLE "incident_photo" ("id" uuid NOT NULL, "incident_id" uuid NOT NULL, "kind" text NOT NULL, "mime" text NOT NULL, "size" integer NOT NULL, "width" integer, "height" integer, "storage_key" text NOT NULL, "thumb_key" text NOT NULL, "uploaded_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b8b9ae6560924dc87249c805710" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_408a9a7802ebd93543f21db8e8" ON "incident_photo"  ("incident_id") `);
    await queryRunner.query(`CREATE TABLE "incident_step" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "incident_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_name" text NOT NULL, "actor_role" text NOT NULL, "action" text NOT NULL, "from_state" text, "to_state" text, "note" text, "detail" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_4e36649774df236871a7700a2bb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_20e67f8f43aea3df3c90dc5af5" ON "incident_step"  ("incident_id", "at") `);
    await queryRunner.query(`CREATE TABLE "incident" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "number" text NOT NULL, "street_id" uuid NOT NULL, "community_id" uuid NOT NULL, "grid_id" uuid NOT NULL, "building_id" uuid, "site_id" uuid, "lat" double precision, "lng" double precision, "address" text NOT NULL DEFAULT '', "source" text NOT NULL, "category" text NOT NULL, "severity" text NOT NULL, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "state" text NOT NULL, "reporter_name" text, "reporter_phone" text, "hotline_ticket" text, "owner_id" uuid, "owner_name" text, "department_ids" uuid array NOT NULL DEFAULT '{}', "target_grid_id" uuid, "deadline" TIMESTAMP WITH TIME ZONE, "overdue_at" TIMESTAMP WITH TIME ZONE, "supervision_count" integer NOT NULL DEFAULT '0', "last_supervised_at" TIMESTAMP WITH TIME ZONE, "result" text, "rating" text, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reported_by_id" uuid, "reported_by_name" text NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "dispatched_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "verified_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "drill_id" uuid, CONSTRAINT "PK_5f90b28b0b8238d89ee8edcf96e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_7ac520e1bc4fc1df96893e2c69" ON "incident"  ("deadline") WHERE overdue_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_d11bd0cecf77d5ff3c1b6be56f" ON "incident"  ("grid_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_59e85c3a8d2b670de754cb9d02" ON "incident"  ("street_id", "state") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ab1de0ae433845e989adb21a1f" ON "incident"  ("street_id", "hotline_ticket") WHERE hotline_ticket IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_394b0c69487249734ff36dd2f4" ON "incident"  ("street_id", "number") `);
    // Seed data (DOMAIN.md "Incidents"): the categories, and deadline rules a street starts with.
    await queryRunner.query(`INSERT INTO incident_category (code, label_zh, label_en, sort) VALUES ('safety_hazard', '安全隐患', 'Safety hazard', 10), ('dispute', '矛盾纠纷', 'Dispute', 20), ('environment', '市容环境', 'City appearance', 30), ('facility_damage', '设施损坏', 'Broken facility', 40), ('waterlogging', '积水', 'Waterlogging', 50), ('fire', '消防', 'Fire safety', 60), ('gas', '燃气', 'Gas', 70), ('flying_wire_charging', '飞线充电', 'Flying-wire e-bike charging', 80), ('illegal_construction', '违建', 'Illegal construction', 90), ('noise', '噪音', 'Noise', 100), ('other', '其他', 'Other', 110)`);
    await queryRunner.query(`INSERT INTO deadline_rule (match_key, category, severity, source, hours, calendar) VALUES ('*|*|*', NULL, NULL, NULL, 72, 'workdays'), ('*|low|*', NULL, 'low', NULL, 120, 'workdays'), ('*|medium|*', NULL, 'medium', NULL, 72, 'workdays'), ('*|high|*', NULL, 'high', NULL, 24, 'natural'), ('*|critical|*', NULL, 'critical', NULL, 2, 'natural'), ('fire|*|*', 'fire', NULL, NULL, 4, 'natural'), ('gas|*|*', 'gas', NULL, NULL, 4, 'natural'), ('waterlogging|*|*', 'waterlogging', NULL, NULL, 12, 'natural'), ('fire|critical|*', 'fire', 'critical', NULL, 1, 'natural'), ('gas|critical|*', 'gas', 'critical', NULL, 1, 'natural'), ('*|low|hotline_12345', NULL, 'low', 'hotline_12345', 72, 'workdays')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_394b0c69487249734ff36dd2f4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ab1de0ae433845e989adb21a1f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_59e85c3a8d2b670de754cb9d02"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d11bd0cecf77d5ff3c1b6be56f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7ac520e1bc4fc1df96893e2c69"`);
    await queryRunner.query(`DROP TABLE "incident"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_20e67f8f43aea3df3c90dc5af5"`);
    await queryRunner.query(`DROP TABLE "incident_step"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_408a9a7802ebd93543f21db8e8"`);
    await queryRunner.query(`DROP TABLE "incident_photo"`);
    await queryRunner.query(`DROP TABLE "incident_counter"`);
    await queryRunner.query(`DROP TABLE "incident_import_mapping"`);
    await queryRunner.query(`DROP TABLE "incident_state_label"`);
    await queryRunner.query(`DROP TABLE "workday_override"`);
    await queryRunner.query(`DROP TABLE "deadline_rule"`);
    await queryRunner.query(`DROP TABLE "incident_category"`);
  }
}
