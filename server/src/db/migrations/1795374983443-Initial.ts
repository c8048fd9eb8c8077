import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795374983443 implements MigrationInterface {
  name = 'Initial1795374983443';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_name" text NOT NULL, "actor_role" text NOT NULL, "action" text NOT NULL, "object_type" text NOT NULL, "object_id" text, "result" text NOT NULL, "before" jsonb, "after" jsonb, "detail" jsonb, "street_id" uuid, "request_id" text, "ip" text, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_c7d3ae3160ef4430133acbe742" ON "audit_log"  ("actor_id", "at") `);
    await queryRunner.query(`CREATE INDEX "IDX_8aa8bbfcb68682e135a2431e07" ON "audit_log"  ("object_type", "object_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_ba27cef5b8b2b1a756e06ebcc5" ON "audit_log"  ("at") `);
    await queryRunner.query(`CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "username" text NOT NULL, "display_name" text NOT NULL, "role" text NOT NULL, "scope" jsonb NOT NULL, "street_id" uuid, "phone" text, "password_hash" text NOT NULL, "disabled" boolean NOT NULL DEFAULT false, "token_generation" integer NOT NULL DEFAULT '1', CONSTRAINT "UQ_c480e576dd71729addbc2d51b67" UNIQUE ("username"), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_70192cad0bf0398471dfc0d97e" ON "app_user"  ("street_id") `);
    await queryRunner.query(`CREATE TABLE "community" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "street_id" uuid NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "area" jsonb, CONSTRAINT "PK_cae794115a383328e8923de4193" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_72e9c0610418be2a85a57c8168" ON "community"  ("street_id", "code") `);
    await queryRunner.query(`CREATE TABLE "department" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "street_id" uuid NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "duty_phone" text, CONSTRAINT "PK_9a2213262c1593bffb581e382f5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f4a067905998f949c710b912ce" ON "department"  ("street_id", "code") `);
    await queryRunner.query(`CREATE TABLE "grid" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "street_id" uuid NOT NULL, "community_id" uuid NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "type" text NOT NULL, "area" jsonb NOT NULL, "min_lat" double precision NOT NULL, "min_lng" double precision NOT NULL, "max_lat" double precision NOT NULL, "max_lng" double precision NOT NULL, "households" integer NOT NULL DEFAULT '0', "leader_name" text, "leader_phone" text, CONSTRAINT "PK_fe4aaa758ecdccd442f6b91855a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_9456f1ff29d4434cc13583c635" ON "grid"  ("community_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_2e3ab9509ee7d1995edb3dd965" ON "grid"  ("street_id", "code") `);
    await queryRunner.query(`CREATE TABLE "street" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "code" text NOT NULL, "name" text NOT NULL, "area" jsonb, CONSTRAINT "UQ_f98f404542190ee497e7936570a" UNIQUE ("code"), CONSTRAINT "PK_5629a676c74c04f5845b964469c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "event" ("seq" bigint NOT NULL, "type" text NOT NULL, "payload" jsonb NOT NULL, "street_id" uuid NOT NULL, "community_id" uuid, "grid_id" uuid, "department_ids" uuid array NOT NULL DEFAULT '{}', "street_wide" boolean NOT NULL DEFAULT false, "drill_id" uuid, "actor_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0c7ee394b5ab8874d2914624eb2" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE INDEX "IDX_7d0b03fe078d545ac9f05793c5" ON "event"  ("street_id", "seq") `);
    await queryRunner.query(`CREATE TABLE "event_seq" ("id" integer NOT NULL, "last" bigint NOT NULL, CONSTRAINT "PK_5b99e7d20a0a0570708049e1cf3" PRIMARY KEY ("id"))`);
    // Hand-written: the audit log is append-only, enforced by the database itself.
    await queryRunner.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await queryRunner.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    // The single counter row whose lock orders commits (see realtime/event-log.repository.ts).
    await queryRunner.query(`INSERT INTO "event_seq" ("id", "last") VALUES (1, 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_log_no_truncate ON "audit_log"`);
    await queryRunner.query(`DROP TRIGGER audit_log_no_update ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
    await queryRunner.query(`DROP TABLE "event_seq"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7d0b03fe078d545ac9f05793c5"`);
    await queryRunner.query(`DROP TABLE "event"`);
    await queryRunner.query(`DROP TABLE "street"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2e3ab9509ee7d1995edb3dd965"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9456f1ff29d4434cc13583c635"`);
    await queryRunner.query(`DROP TABLE "grid"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f4a067905998f949c710b912ce"`);
    await queryRunner.query(`DROP TABLE "department"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_72e9c0610418be2a85a57c8168"`);
    await queryRunner.query(`DROP TABLE "community"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_70192cad0bf0398471dfc0d97e"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ba27cef5b8b2b1a756e06ebcc5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8aa8bbfcb68682e135a2431e07"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c7d3ae3160ef4430133acbe742"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
