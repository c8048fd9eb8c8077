import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GeoRegistry1795375964326 implements MigrationInterface {
  name = 'GeoRegistry1795375964326';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "basemap_feature" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "street_id" uuid NOT NULL, "kind" text NOT NULL, "name" text, "geometry" jsonb NOT NULL, CONSTRAINT "PK_56fcb73c09762ea2e09be6aaa0d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_5da3d73877b9c561fccd198988" ON "basemap_feature"  ("street_id", "kind") `);
    await queryRunner.query(`CREATE TABLE "compound" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "street_id" uuid NOT NULL, "community_id" uuid NOT NULL, "grid_id" uuid NOT NULL, "name" text NOT NULL, "address" text NOT NULL DEFAULT '', "area" jsonb, CONSTRAINT "PK_7c1ece19d1450b2ada0ad941789" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_e3ae03d663c2d35dcbd1935e3e" ON "compound"  ("grid_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_6e0bf83e115b9806c4d1807708" ON "compound"  ("community_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c8cbd7e5c9744e82edee3a0d82" ON "compound"  ("street_id", "name") `);
    await queryRunner.query(`CREATE TABLE "building" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "street_id" uuid NOT NULL, "community_id" uuid NOT NULL, "grid_id" uuid NOT NULL, "compound_id" uuid, "name" text NOT NULL, "address" text NOT NULL DEFAULT '', "lat" double precision NOT NULL, "lng" double precision NOT NULL, "floors" integer NOT NULL, "households" integer NOT NULL DEFAULT '0', "leader_name" text, "leader_phone" text, "footprint" jsonb, CONSTRAINT "PK_bbfaf6c11f141a22d2ab105ee5f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d4a0b3317859b869f5699bbf49" ON "building"  ("lat", "lng") `);
    await queryRunner.query(`CREATE INDEX "IDX_9c1e2087af94e3ee47960c5a94" ON "building"  ("compound_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_5f74de0142ef67ffb4cf8ce9a4" ON "building"  ("grid_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_3f5b964eafbf52f9a39e21dc1e" ON "building"  ("community_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_7019138f352537da4f1261d7ae" ON "building"  ("street_id", "name") `);
    await queryRunner.query(`CREATE TABLE "household" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "street_id" uuid NOT NULL, "community_id" uuid NOT NULL, "grid_id" uuid NOT NULL, "building_id" uuid NOT NULL, "unit" text NOT NULL DEFAULT '', "room" text NOT NULL, "head_name" text NOT NULL, "phone" text, "person_count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_26e9111eab2b8908fefe3c645f5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_f3ee81d63486536607f4f6626d" ON "household"  ("grid_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_bb672fdc56e356a34a25dc017b" ON "household"  ("community_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_5f862d066ad2c2bea88d8c6a20" ON "household"  ("street_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a1a023ed456969216a8a82b7d2" ON "household"  ("building_id", "unit", "room") `);
    await queryRunner.query(`CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "street_id" uuid NOT NULL, "community_id" uuid NOT NULL, "grid_id" uuid NOT NULL, "building_id" uuid NOT NULL, "household_id" uuid NOT NULL, "name" text NOT NULL, "phone" text, "id_number" text, "birth_year" integer, "tags" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_4b91dee5f6e3f21098efee7a4d" ON "person"  ("street_id", "id_number") `);
    await queryRunner.query(`CREATE INDEX "IDX_fc75280d0e43963e36e4f5f1ed" ON "person"  ("community_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_2d5b229e0d3d5eae1a15bead79" ON "person"  ("grid_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_df05481913729a9d24cbbbeb00" ON "person"  ("building_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_16dad48a2655f1b407d5f35a60" ON "person"  ("household_id") `);
    await queryRunner.query(`CREATE TABLE "shelter" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "street_id" uuid NOT NULL, "community_id" uuid NOT NULL, "grid_id" uuid NOT NULL, "name" text NOT NULL, "address" text NOT NULL DEFAULT '', "lat" double precision NOT NULL, "lng" double precision NOT NULL, "capacity" integer NOT NULL, "occupancy" integer NOT NULL DEFAULT '0', "contact_name" text, "contact_phone" text, CONSTRAINT "PK_fa71ea731c766e25af6c091a31f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_f1f27b673a6e4a202f2dd438bd" ON "shelter"  ("grid_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_19ec0b676a0a34b110c959b9b3" ON "shelter"  ("street_id") `);
    await queryRunner.query(`CREATE TABLE "site" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "street_id" uuid NOT NULL, "community_id" uuid NOT NULL, "grid_id" uuid NOT NULL, "building_id" uuid, "name" text NOT NULL, "type" text NOT NULL, "nine_small" boolean NOT NULL DEFAULT false, "grade" text NOT NULL DEFAULT 'C', "address" text NOT NULL DEFAULT '', "lat" double precision NOT NULL, "lng" double precision NOT NULL, "contact_name" text, "contact_phone" text, CONSTRAINT "PK_635c0eeabda8862d5b0237b42b4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_1b606f060f33eb8081bd4f6018" ON "site"  ("lat", "lng") `);
    await queryRunner.query(`CREATE INDEX "IDX_a3ae04eae6645987d9eddcf6bd" ON "site"  ("street_id", "type") `);
    await queryRunner.query(`CREATE INDEX "IDX_ff248b12765fb25179dfea69db" ON "site"  ("building_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_34bb95b0bd7c78e97bd01890b2" ON "site"  ("grid_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_09dc77b08c5c401ec339b74191" ON "site"  ("community_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_f412b306652a81c8c946739bcc" ON "site"  ("street_id", "name") `);
    await queryRunner.query(`ALTER TABLE "community" ADD CONSTRAINT "FK_e62f1d0a841557560335b846ac4" FOREIGN KEY ("street_id") REFERENCES "street"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "grid" ADD CONSTRAINT "FK_9456f1ff29d4434cc13583c635a" FOREIGN KEY ("community_id") REFERENCES "community"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "compound" ADD CONSTRAINT "FK_e3ae03d663c2d35dcbd1935e3e3" FOREIGN KEY ("grid_id") REFERENCES "grid"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "building" ADD CONSTRAINT "FK_5f74de0142ef67ffb4cf8ce9a40" FOREIGN KEY ("grid_id") REFERENCES "grid"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "building" ADD CONSTRAINT "FK_9c1e2087af94e3ee47960c5a947" FOREIGN KEY ("compound_id") REFERENCES "compound"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "department" ADD CONSTRAINT "FK_a7645111f9e194fe4abee36c3df" FOREIGN KEY ("street_id") REFERENCES "street"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "household" ADD CONSTRAINT "FK_38d0e6d2ac567b316b078caad64" FOREIGN KEY ("building_id") REFERENCES "building"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "person" ADD CONSTRAINT "FK_16dad48a2655f1b407d5f35a60b" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "shelter" ADD CONSTRAINT "FK_f1f27b673a6e4a202f2dd438bd9" FOREIGN KEY ("grid_id") REFERENCES "grid"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "site" ADD CONSTRAINT "FK_34bb95b0bd7c78e97bd01890b2c" FOREIGN KEY ("grid_id") REFERENCES "grid"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "site" ADD CONSTRAINT "FK_ff248b12765fb25179dfea69db0" FOREIGN KEY ("building_id") REFERENCES "building"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "site" DROP CONSTRAINT "FK_ff248b12765fb25179dfea69db0"`);
    await queryRunner.query(`ALTER TABLE "site" DROP CONSTRAINT "FK_34bb95b0bd7c78e97bd01890b2c"`);
    await queryRunner.query(`ALTER TABLE "shelter" DROP CONSTRAINT "FK_f1f27b673a6e4a202f2dd438bd9"`);
    await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "FK_16dad48a2655f1b407d5f35a60b"`);
    await queryRunner.query(`ALTER TABLE "household" DROP CONSTRAINT "FK_38d0e6d2ac567b316b078caad64"`);
    await queryRunner.query(`ALTER TABLE "department" DROP CONSTRAINT "FK_a7645111f9e194fe4abee36c3df"`);
    await queryRunner.query(`ALTER TABLE "building" DROP CONSTRAINT "FK_9c1e2087af94e3ee47960c5a947"`);
    await queryRunner.query(`ALTER TABLE "building" DROP CONSTRAINT "FK_5f74de0142ef67ffb4cf8ce9a40"`);
    await queryRunner.query(`ALTER TABLE "compound" DROP CONSTRAINT "FK_e3ae03d663c2d35dcbd1935e3e3"`);
    await queryRunner.query(`ALTER TABLE "grid" DROP CONSTRAINT "FK_9456f1ff29d4434cc13583c635a"`);
    await queryRunner.query(`ALTER TABLE "community" DROP CONSTRAINT "FK_e62f1d0a841557560335b846ac4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f412b306652a81c8c946739bcc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_09dc77b08c5c401ec339b74191"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_34bb95b0bd7c78e97bd01890b2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ff248b12765fb25179dfea69db"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a3ae04eae6645987d9eddcf6bd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1b606f060f33eb8081bd4f6018"`);
    await queryRunner.query(`DROP TABLE "site"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_19ec0b676a0a34b110c959b9b3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f1f27b673a6e4a202f2dd438bd"`);
    await queryRunner.query(`DROP TABLE "shelter"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_16dad48a2655f1b407d5f35a60"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_df05481913729a9d24cbbbeb00"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2d5b229e0d3d5eae1a15bead79"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fc75280d0e43963e36e4f5f1ed"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4b91dee5f6e3f21098efee7a4d"`);
    await queryRunner.query(`DROP TABLE "person"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a1a023ed456969216a8a82b7d2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5f862d066ad2c2bea88d8c6a20"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bb672fdc56e356a34a25dc017b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f3ee81d63486536607f4f6626d"`);
    await queryRunner.query(`DROP TABLE "household"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7019138f352537da4f1261d7ae"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3f5b964eafbf52f9a39e21dc1e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5f74de0142ef67ffb4cf8ce9a4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9c1e2087af94e3ee47960c5a94"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d4a0b3317859b869f5699bbf49"`);
    await queryRunner.query(`DROP TABLE "building"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c8cbd7e5c9744e82edee3a0d82"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6e0bf83e115b9806c4d1807708"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e3ae03d663c2d35dcbd1935e3e"`);
    await queryRunner.query(`DROP TABLE "compound"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5da3d73877b9c561fccd198988"`);
    await queryRunner.query(`DROP TABLE "basemap_feature"`);
  }
}
