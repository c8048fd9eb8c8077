import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Flood1795381124294 implements MigrationInterface {
  name = 'Flood1795381124294';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "flood_household" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "street_id" uuid NOT NULL, "building_id" uuid NOT NULL, "household_id" uuid, "unit" text NOT NULL DEFAULT '', "room" text NOT NULL DEFAULT '', "head_name" text NOT NULL, "phone" text, "id_number" text, "person_count" integer NOT NULL, "vulnerable" text array NOT NULL DEFAULT '{}', "risk_type" text NOT NULL, "cadre_user_id" uuid, "cadre_name" text NOT NULL, "cadre_phone" text, "shelter_id" uuid NOT NULL, "card_code" text NOT NULL, "note" text NOT NULL DEFAULT '', CONSTRAINT "PK_f072f3c3299efb431bf3a88d37f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_0d215313a1adcd98a46848b50e" ON "flood_household"  ("cadre_user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_2bcd6e1ce7cef96c1a473694d0" ON "flood_household"  ("shelter_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e439e176fb90d154a68c698642" ON "flood_household"  ("card_code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d76493900db7a05a23b14acf52" ON "flood_household"  ("household_id") WHERE household_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d92b7371e8cd140750d168ac8b" ON "flood_household"  ("building_id", "unit", "room") `);
    await queryRunner.query(`CREATE INDEX "IDX_c2baa7c4a6e790bfb63dcfb75b" ON "flood_household"  ("street_id") `);
    await queryRunner.query(`CREATE TABLE "flood_step" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "warning_id" uuid NOT NULL, "task_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_name" text NOT NULL, "actor_role" text NOT NULL, "action" text NOT NULL, "from_state" text, "to_state" text, "people" integer, "shelter_id" uuid, "note" text, "detail" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_62ef14c0b2491f29e4e77bb4df9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_2fc0bbe0fd022ed9c06a537d68" ON "flood_step"  ("task_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_fb651c0a3d6615e5eec33bddc7" ON "flood_step"  ("warning_id", "at") `);
    await queryRunner.query(`CREATE TABLE "flood_warning" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "street_id" uuid NOT NULL, "type" text NOT NULL, "level" text NOT NULL, "message" text NOT NULL, "scope_kind" text NOT NULL, "grid_ids" uuid array NOT NULL DEFAULT '{}', "area" jsonb, "state" text NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "issued_by_id" uuid, "issued_by_name" text NOT NULL, "lifted_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "close_exception" jsonb, "households" integer NOT NULL DEFAULT '0', "people" integer NOT NULL DEFAULT '0', "drill_id" uuid, CONSTRAINT "PK_fac1c36b6f1c3a4e44d9e3fa630" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d8e09cafdd5620ffe766e8c7f0" ON "flood_warning"  ("street_id", "issued_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_bd000815723fde3a774c12f5a6" ON "flood_warning"  ("street_id", "state") `);
    await queryRunner.query(`CREATE TABLE "transfer_task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "warning_id" uuid NOT NULL, "flood_household_id" uuid NOT NULL, "street_id" uuid NOT NULL, "community_id" uuid NOT NULL, "grid_id" uuid NOT NULL, "person_count" integer NOT NULL, "state" text NOT NULL, "people" integer, "shelter_id" uuid, "designated_shelter_id" uuid NOT NULL, "notified_at" TIMESTAMP WITH TIME ZONE, "moving_at" TIMESTAMP WITH TIME ZONE, "sheltered_at" TIMESTAMP WITH TIME ZONE, "self_arranged_at" TIMESTAMP WITH TIME ZONE, "refused_at" TIMESTAMP WITH TIME ZONE, "refuse_reason" text, "returned_at" TIMESTAMP WITH TIME ZONE, "drill_id" uuid, CONSTRAINT "PK_be87bccb3f2851c5968fda72bf5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_9b9f63f3257791ef23d5f0f165" ON "transfer_task"  ("grid_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_36740eb0f927f92d298d0a0680" ON "transfer_task"  ("flood_household_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_010db1070cf6e3bbf998363d71" ON "transfer_task"  ("warning_id", "state") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3b08c4b95ca1ee3cffbd8e4a37" ON "transfer_task"  ("warning_id", "flood_household_id") `);
    await queryRunner.query(`ALTER TABLE "flood_household" ADD CONSTRAINT "FK_37010b8d31a5f36890db7d5dd55" FOREIGN KEY ("building_id") REFERENCES "building"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "flood_household" ADD CONSTRAINT "FK_eca43e9d0ae0f0c2db048369492" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "flood_household" ADD CONSTRAINT "FK_0d215313a1adcd98a46848b50e8" FOREIGN KEY ("cadre_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "flood_household" ADD CONSTRAINT "FK_2bcd6e1ce7cef96c1a473694d05" FOREIGN KEY ("shelter_id") REFERENCES "shelter"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "transfer_task" ADD CONSTRAINT "FK_02854b0f310ea9c69f310ff4a6e" FOREIGN KEY ("warning_id") REFERENCES "flood_warning"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "transfer_task" ADD CONSTRAINT "FK_36740eb0f927f92d298d0a06809" FOREIGN KEY ("flood_household_id") REFERENCES "flood_household"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "transfer_task" ADD CONSTRAINT "FK_fa81423351987f22ee29ca23042" FOREIGN KEY ("shelter_id") REFERENCES "shelter"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "transfer_task" DROP CONSTRAINT "FK_fa81423351987f22ee29ca23042"`);
    await queryRunner.query(`ALTER TABLE "transfer_task" DROP CONSTRAINT "FK_36740eb0f927f92d298d0a06809"`);
    await queryRunner.query(`ALTER TABLE "transfer_task" DROP CONSTRAINT "FK_02854b0f310ea9c69f310ff4a6e"`);
    await queryRunner.query(`ALTER TABLE "flood_household" DROP CONSTRAINT "FK_2bcd6e1ce7cef96c1a473694d05"`);
    await queryRunner.query(`ALTER TABLE "flood_household" DROP CONSTRAINT "FK_0d215313a1adcd98a46848b50e8"`);
    await queryRunner.query(`ALTER TABLE "flood_household" DROP CONSTRAINT "FK_eca43e9d0ae0f0c2db048369492"`);
    await queryRunner.query(`ALTER TABLE "flood_household" DROP CONSTRAINT "FK_37010b8d31a5f36890db7d5dd55"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3b08c4b95ca1ee3cffbd8e4a37"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_010db1070cf6e3bbf998363d71"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_36740eb0f927f92d298d0a0680"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9b9f63f3257791ef23d5f0f165"`);
    await queryRunner.query(`DROP TABLE "transfer_task"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bd000815723fde3a774c12f5a6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d8e09cafdd5620ffe766e8c7f0"`);
    await queryRunner.query(`DROP TABLE "flood_warning"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fb651c0a3d6615e5eec33bddc7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2fc0bbe0fd022ed9c06a537d68"`);
    await queryRunner.query(`DROP TABLE "flood_step"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c2baa7c4a6e790bfb63dcfb75b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d92b7371e8cd140750d168ac8b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d76493900db7a05a23b14acf52"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e439e176fb90d154a68c698642"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2bcd6e1ce7cef96c1a473694d0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0d215313a1adcd98a46848b50e"`);
    await queryRunner.query(`DROP TABLE "flood_household"`);
  }
}
