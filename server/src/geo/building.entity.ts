import type { Area } from '@gridboard/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { GridScopedEntity } from './grid-scoped.entity';
import { CompoundEntity } from './compound.entity';
import { GridEntity } from './grid.entity';

/** 楼栋: every incident, alert and transfer is pinned to a building (or a site), and so to a grid. */
@Entity('building')
@Index(['streetId', 'name'])
@Index(['communityId'])
@Index(['gridId'])
@Index(['compoundId'])
@Index(['lat', 'lng'])
export class BuildingEntity extends GridScopedEntity {
  @ManyToOne(() => GridEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grid_id' })
  grid?: GridEntity;

  @Column({ type: 'uuid', nullable: true })
  compoundId: string | null;

  @ManyToOne(() => CompoundEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'compound_id' })
  compound?: CompoundEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  address: string;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lng: number;

  @Column({ type: 'int' })
  floors: number;

  @Column({ type: 'int', default: 0 })
  households: number;

  /** 楼栋长 */
  @Column({ type: 'text', nullable: true })
  leaderName: string | null;

  @Column({ type: 'text', nullable: true })
  leaderPhone: string | null;

  @Column({ type: 'jsonb', nullable: true })
  footprint: Area | null;
}
