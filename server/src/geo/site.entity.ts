import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { GridScopedEntity } from './grid-scoped.entity';
import { BuildingEntity } from './building.entity';
import { GridEntity } from './grid.entity';

/** 实有单位/场所: shops, schools, petrol stations, the nine small places, graded food businesses. */
@Entity('site')
@Index(['streetId', 'name'])
@Index(['communityId'])
@Index(['gridId'])
@Index(['buildingId'])
@Index(['streetId', 'type'])
@Index(['lat', 'lng'])
export class SiteEntity extends GridScopedEntity {
  @ManyToOne(() => GridEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grid_id' })
  grid?: GridEntity;

  @Column({ type: 'uuid', nullable: true })
  buildingId: string | null;

  @ManyToOne(() => BuildingEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'building_id' })
  building?: BuildingEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  type: string;

  /** 九小场所 */
  @Column({ type: 'boolean', default: false })
  nineSmall: boolean;

  /** 分级包保 A/B/C */
  @Column({ type: 'text', default: 'C' })
  grade: string;

  @Column({ type: 'text', default: '' })
  address: string;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lng: number;

  @Column({ type: 'text', nullable: true })
  contactName: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhone: string | null;
}
