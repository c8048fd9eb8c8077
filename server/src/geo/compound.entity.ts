import type { Area } from '@gridboard/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { GridScopedEntity } from './grid-scoped.entity';
import { GridEntity } from './grid.entity';

/** 小区/楼院: a courtyard of buildings, managed together (gas checks, building leaders). */
@Entity('compound')
@Index(['streetId', 'name'])
@Index(['communityId'])
@Index(['gridId'])
export class CompoundEntity extends GridScopedEntity {
  @ManyToOne(() => GridEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grid_id' })
  grid?: GridEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  address: string;

  @Column({ type: 'jsonb', nullable: true })
  area: Area | null;
}
