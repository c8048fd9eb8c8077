import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * id, optimistic-concurrency version and timestamps. `version` is a plain column on purpose:
 * updates go through `UPDATE … WHERE id = $1 AND version = $2` (see versioned-update.ts), because
 * TypeORM's @VersionColumn does not make save() conditional.
 */
export abstract class BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
