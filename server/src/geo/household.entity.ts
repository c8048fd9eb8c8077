import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { GridScopedEntity } from './grid-scoped.entity';
import { BuildingEntity } from './building.entity';

/** 户: one dwelling of a building; the head's name and phone are personal data (masked). */
@Entity('household')
@Index(['buildingId', 'unit', 'room'], { unique: true })
@Index(['streetId'])
@Index(['communityId'])
@Index(['gridId'])
export class HouseholdEntity extends GridScopedEntity {
  @Column({ type: 'uuid' })
  buildingId: string;

  @ManyToOne(() => BuildingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'building_id' })
  building?: BuildingEntity;

  /** 单元 */
  @Column({ type: 'text', default: '' })
  unit: string;

  /** 房号 */
  @Column({ type: 'text' })
  room: string;

  /** 户主 */
  @Column({ type: 'text' })
  headName: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'int', default: 0 })
  personCount: number;
}
