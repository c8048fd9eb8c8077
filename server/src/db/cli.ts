/**
 * Database tasks: `migrate`, `seed [--streets N]`, `generate <Name>` (a migration from the entity
 * diff) and `check` (fails when entities and migrations drift; CI runs it).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { createDataSource, migrate } from './data-source';
import { pendingSchemaChanges } from './schema-drift';
import { seedDemo } from './seed';

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const config = loadConfig();
  const ds = createDataSource(config);
  await ds.initialize();
  try {
    switch (command) {
      case 'migrate': {
        const done = await migrate(ds);
        console.log(done.length ? `applied: ${done.join(', ')}` : 'database is up to date');
        break;
      }
      case 'seed': {
        await migrate(ds);
        const at = args.indexOf('--streets');
        const streets = at >= 0 ? Number(args[at + 1]) : 1;
        if (!Number.isInteger(streets) || streets < 1 || streets > 100)
          throw new Error('--streets: a whole number 1–100');
        const result = await seedDemo(ds, { streets });
        console.log(
          `demo streets: ${result.created} created, ${result.streets.length - result.created} already there (${result.ms} ms); accounts created: ${result.accounts.length}: ` +
            result.streets.map((s) => `${s.code} ${s.name}`).join(', '),
        );
        break;
      }
      case 'generate': {
        const name = args[0];
        if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: generate <PascalCaseName>');
        await migrate(ds);
        const { up, down } = await pendingSchemaChanges(ds);
        if (!up.length) {
          console.log('no changes: entities and migrations agree');
          break;
        }
        const ts = Date.now();
        const file = join(__dirname, 'migrations', `${ts}-${name}.ts`);
        writeFileSync(file, migrationSource(`${name}${ts}`, up, down));
        console.log(`wrote ${file}; add it to migrations/index.ts`);
        break;
      }
      case 'check': {
        await migrate(ds);
        const { up } = await pendingSchemaChanges(ds);
        if (up.length) {
          console.error(`entities and migrations drift; run 'generate':\n${up.join(';\n')}`);
          process.exitCode = 1;
        } else console.log('entities and migrations agree');
        break;
      }
      default:
        throw new Error('usage: cli.ts migrate | seed [--streets N] | generate <Name> | check');
    }
  } finally {
    await ds.destroy();
  }
}

function migrationSource(className: string, up: string[], down: string[]): string {
  const q = (sql: string) => `    await queryRunner.query(\`${sql.replace(/[`\\]|\$\{/g, (m) => `\\${m}`)}\`);`;
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up.map(q).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down.map(q).join('\n')}
  }
}
`;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
