import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Inspections1795381300936 implements MigrationInterface {
  name = 'Inspections1795381300936';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "checklist_template" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "street_id" uuid NOT NULL, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "site_types" text array NOT NULL DEFAULT '{}', "campaign_types" text array NOT NULL DEFAULT '{}', "active" boolean NOT NULL DEFAULT true, "current_version_id" uuid NOT NULL, CONSTRAINT "PK_894b21b07d6fa016cfbf2dba947" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_ca428afae63d80459703628d89" ON "checklist_template"  ("street_id", "active") `);
    await queryRunner.query(`CREATE TABLE "checklist_template_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "template_id" uuid NOT NULL, "number" integer NOT NULL, "name" text NOT NULL, "items" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by_id" uuid, "created_by_name" text NOT NULL, CONSTRAINT "PK_642f5f908f1a9707cde1025a759" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ab1f6e0241399f9a839c919f9a" ON "checklist_template_version"  ("template_id", "number") `);
    await queryRunner.query(`CREATE TABLE "inspection_campaign" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "street_id" uuid NOT NULL, "name" text NOT NULL, "type" text NOT NULL, "description" text NOT NULL DEFAULT '', "starts_on" date NOT NULL, "ends_on" date NOT NULL, "site_types" text array NOT NULL DEFAULT '{}', "nine_small" boolean NOT NULL DEFAULT false, "grid_ids" uuid array NOT NULL DEFAULT '{}', "department_ids" uuid array NOT NULL DEFAULT '{}', "template_id" uuid NOT NULL, "created_by_id" uuid, "created_by_name" text NOT NULL, "drill_id" uuid, CONSTRAINT "PK_f2c786e1159e8f276c19615ac6f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_3a2b16b3dde3ad870e6369800b" ON "inspection_campaign"  ("street_id", "ends_on") `);
    await queryRunner.query(`CREATE TABLE "inspection_campaign_site" ("campaign_id" uuid NOT NULL, "site_id" uuid NOT NULL, CONSTRAINT "PK_bfab81fce06ffc6b47098cba21d" PRIMARY KEY ("campaign_id", "site_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_e5c70363b67c5cd711dd3b8540" ON "inspection_campaign_site"  ("site_id") `);
    await queryRunner.query(`CREATE TABLE "inspection_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "client_id" uuid NOT NULL, "street_id" uuid NOT NULL, "community_id" uuid NOT NULL, "grid_id" uuid NOT NULL, "department_ids" uuid array NOT NULL DEFAULT '{}', "site_id" uuid NOT NULL, "site_name" text NOT NULL, "site_type" text NOT NULL, "address" text NOT NULL DEFAULT '', "campaign_id" uuid, "template_id" uuid NOT NULL, "template_version_id" uuid NOT NULL, "answers" jsonb NOT NULL, "result" text NOT NULL, "failed_items" text array NOT NULL DEFAULT '{}', "photo_ids" uuid array NOT NULL DEFAULT '{}', "lat" double precision, "lng" double precision, "accuracy" double precision, "distance_m" double precision, "inspected_at" TIMESTAMP WITH TIME ZONE NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "inspector_id" uuid NOT NULL, "inspector_name" text NOT NULL, "note" text NOT NULL DEFAULT '', "drill_id" uuid, CONSTRAINT "PK_c9d3afaf7df50a696681bfc874c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d1176b12e00de85f02466eb7c1" ON "inspection_record"  ("campaign_id", "site_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_406da5130d3304bf836090aab7" ON "inspection_record"  ("street_id", "inspected_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_be0ef28f51546ebd976efe2511" ON "inspection_record"  ("site_id", "inspected_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c3cd224ff1d2c29842449f58c9" ON "inspection_record"  ("inspector_id", "client_id") `);
    await queryRunner.query(`CREATE TABLE "hazard" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "number" text NOT NULL, "street_id" uuid NOT NULL, "community_id" uuid NOT NULL, "grid_id" uuid NOT NULL, "department_ids" uuid array NOT NULL DEFAULT '{}', "site_id" uuid NOT NULL, "site_name" text NOT NULL, "site_type" text NOT NULL, "address" text NOT NULL DEFAULT '', "lat" double precision NOT NULL, "lng" double precision NOT NULL, "campaign_id" uuid, "record_id" uuid NOT NULL, "template_id" uuid, "item_key" text, "item_label" text, "severity" text NOT NULL, "description" text NOT NULL, "responsible_party" text NOT NULL DEFAULT '', "responsible_contact" text, "responsible_phone" text, "deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "original_deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "state" text NOT NULL, "found_at" TIMESTAMP WITH TIME ZONE NOT NULL, "found_by_id" uuid, "found_by_name" text NOT NULL, "photo_ids" uuid array NOT NULL DEFAULT '{}', "rectification_note" text, "rectification_photo_ids" uuid array NOT NULL DEFAULT '{}', "submitted_at" TIMESTAMP WITH TIME ZONE, "recheck_record_id" uuid, "rechecked_by_name" text, "closed_at" TIMESTAMP WITH TIME ZONE, "overdue_at" TIMESTAMP WITH TIME ZONE, "supervision_count" integer NOT NULL DEFAULT '0', "last_supervised_at" TIMESTAMP WITH TIME ZONE, "extension_count" integer NOT NULL DEFAULT '0', "extension_request" jsonb, "recurring" boolean NOT NULL DEFAULT false, "previous_hazard_id" uuid, "drill_id" uuid, CONSTRAINT "PK_858b71d38b62597cf819d2da486" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_53c8fb6d1c72e95af0ef455ae5" ON "hazard"  ("deadline") WHERE overdue_at IS NULL AND state IN ('open', 'rectifying')`);
    await queryRunner.query(`CREATE INDEX "IDX_b8385d52a567a020c924e90077" ON "hazard"  ("campaign_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e8757b0906865c899a5c35e578" ON "hazard"  ("record_id", "item_key") WHERE item_key IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_4eb29425a637c2599e5e1a4a45" ON "hazard"  ("site_id", "template_id", "item_key") `);
    await queryRunner.query(`CREATE INDEX "IDX_9fbf59eb0ddd234e1f95f122d7" ON "hazard"  ("street_id", "state") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_cbfc85d667b94f8170e2ddec57" ON "hazard"  ("street_id", "number") `);
    await queryRunner.query(`CREATE TABLE "hazard_step" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "hazard_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_name" text NOT NULL, "actor_role" text NOT NULL, "action" text NOT NULL, "from_state" text, "to_state" text, "note" text, "detail" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_cb33e722daec68ce09b5791e852" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_3fe6403109aaf6356eaaf0c18f" ON "hazard_step"  ("hazard_id", "at") `);
    await queryRunner.query(`CREATE TABLE "hazard_counter" ("street_id" uuid NOT NULL, "day" text NOT NULL, "last" integer NOT NULL, CONSTRAINT "PK_c4b9240dd344bb1410dc3eb661b" PRIMARY KEY ("street_id", "day"))`);
    await queryRunner.query(`CREATE TABLE "inspection_photo" ("id" uuid NOT NULL, "uploaded_by_id" uuid NOT NULL, "record_id" uuid, "hazard_id" uuid, "mime" text NOT NULL, "size" integer NOT NULL, "width" integer, "height" integer, "storage_key" text NOT NULL, "thumb_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7565a6b694aba700792292c0c24" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_86ac6c9cc44e38ae919df87f2f" ON "inspection_photo"  ("created_at") WHERE record_id IS NULL AND hazard_id IS NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_d56047d3ad9997622acfef2aa7" ON "inspection_photo"  ("hazard_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_015a327f49fc40c5d90a929146" ON "inspection_photo"  ("record_id") `);
    await queryRunner.query(`CREATE TABLE "inspection_setting" ("street_id" uuid NOT NULL, "interval_months" jsonb NOT NULL, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_19cc2ad0131a39302964cac99d3" PRIMARY KEY ("street_id"))`);
    await queryRunner.query(`ALTER TABLE "checklist_template" ADD CONSTRAINT "FK_f596c10406ad33dddbc7800585d" FOREIGN KEY ("street_id") REFERENCES "street"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "checklist_template_version" ADD CONSTRAINT "FK_e0b27066bd5ce77f19f9b225493" FOREIGN KEY ("template_id") REFERENCES "checklist_template"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inspection_campaign" ADD CONSTRAINT "FK_8030eb32934fdfa47e3a63b4962" FOREIGN KEY ("street_id") REFERENCES "street"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inspection_campaign" ADD CONSTRAINT "FK_34b6fb58fc8f34bc346c8c9fbe1" FOREIGN KEY ("template_id") REFERENCES "checklist_template"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inspection_campaign_site" ADD CONSTRAINT "FK_921a63d0628d894ca00418b65c7" FOREIGN KEY ("campaign_id") REFERENCES "inspection_campaign"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inspection_campaign_site" ADD CONSTRAINT "FK_e5c70363b67c5cd711dd3b8540d" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inspection_record" ADD CONSTRAINT "FK_be7329ea265c19b2adfb2ad27ff" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inspection_record" ADD CONSTRAINT "FK_4a18be62da71b3f44ef3fa5c78e" FOREIGN KEY ("campaign_id") REFERENCES "inspection_campaign"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inspection_record" ADD CONSTRAINT "FK_2379e704fb311a3603d1f80338a" FOREIGN KEY ("template_version_id") REFERENCES "checklist_template_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "hazard" ADD CONSTRAINT "FK_b4bf05d2b80d83bd11033f2a633" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "hazard" ADD CONSTRAINT "FK_f09dc172af0c47508eb19b13612" FOREIGN KEY ("record_id") REFERENCES "inspection_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inspection_setting" ADD CONSTRAINT "FK_19cc2ad0131a39302964cac99d3" FOREIGN KEY ("street_id") REFERENCES "street"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inspection_setting" DROP CONSTRAINT "FK_19cc2ad0131a39302964cac99d3"`);
    await queryRunner.query(`ALTER TABLE "hazard" DROP CONSTRAINT "FK_f09dc172af0c47508eb19b13612"`);
    await queryRunner.query(`ALTER TABLE "hazard" DROP CONSTRAINT "FK_b4bf05d2b80d83bd11033f2a633"`);
    await queryRunner.query(`ALTER TABLE "inspection_record" DROP CONSTRAINT "FK_2379e704fb311a3603d1f80338a"`);
    await queryRunner.query(`ALTER TABLE "inspection_record" DROP CONSTRAINT "FK_4a18be62da71b3f44ef3fa5c78e"`);
    await queryRunner.query(`ALTER TABLE "inspection_record" DROP CONSTRAINT "FK_be7329ea265c19b2adfb2ad27ff"`);
    await queryRunner.query(`ALTER TABLE "inspection_campaign_site" DROP CONSTRAINT "FK_e5c70363b67c5cd711dd3b8540d"`);
    await queryRunner.query(`ALTER TABLE "inspection_campaign_site" DROP CONSTRAINT "FK_921a63d0628d894ca00418b65c7"`);
    await queryRunner.query(`ALTER TABLE "inspection_campaign" DROP CONSTRAINT "FK_34b6fb58fc8f34bc346c8c9fbe1"`);
    await queryRunner.query(`ALTER TABLE "inspection_campaign" DROP CONSTRAINT "FK_8030eb32934fdfa47e3a63b4962"`);
    await queryRunner.query(`ALTER TABLE "checklist_template_version" DROP CONSTRAINT "FK_e0b27066bd5ce77f19f9b225493"`);
    await queryRunner.query(`ALTER TABLE "checklist_template" DROP CONSTRAINT "FK_f596c10406ad33dddbc7800585d"`);
    await queryRunner.query(`DROP TABLE "inspection_setting"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_015a327f49fc40c5d90a929146"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d56047d3ad9997622acfef2aa7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_86ac6c9cc44e38ae919df87f2f"`);
    await queryRunner.query(`DROP TABLE "inspection_photo"`);
    await queryRunner.query(`DROP TABLE "hazard_counter"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3fe6403109aaf6356eaaf0c18f"`);
    await queryRunner.query(`DROP TABLE "hazard_step"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cbfc85d667b94f8170e2ddec57"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9fbf59eb0ddd234e1f95f122d7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4eb29425a637c2599e5e1a4a45"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e8757b0906865c899a5c35e578"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b8385d52a567a020c924e90077"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_53c8fb6d1c72e95af0ef455ae5"`);
    await queryRunner.query(`DROP TABLE "hazard"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c3cd224ff1d2c29842449f58c9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_be0ef28f51546ebd976efe2511"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_406da5130d3304bf836090aab7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d1176b12e00de85f02466eb7c1"`);
    await queryRunner.query(`DROP TABLE "inspection_record"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e5c70363b67c5cd711dd3b8540"`);
    await queryRunner.query(`DROP TABLE "inspection_campaign_site"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3a2b16b3dde3ad870e6369800b"`);
    await queryRunner.query(`DROP TABLE "inspection_campaign"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ab1f6e0241399f9a839c919f9a"`);
    await queryRunner.query(`DROP TABLE "checklist_template_version"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ca428afae63d80459703628d89"`);
    await queryRunner.query(`DROP TABLE "checklist_template"`);
  }
}
