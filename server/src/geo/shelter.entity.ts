import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { GridScopedEntity } from './grid-scoped.entity';
import { GridEntity } from './grid.entity';

/** 避险安置点: where flood-transfer households go; occupancy is kept by the flood module. */
@Entity('shelter')
@Index(['streetId'])
@Index(['gridId'])
export class ShelterEntity extends GridScopedEntity {
  @ManyToOne(() => GridEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grid_id' })
  grid?: GridEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  address: string;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lng: number;

  @Column({ type: 'int' })
  capacity: number;

  @Column({ type: 'int', default: 0 })
  occupancy: number;

  @Column({ type: 'text', nullable: true })
  contactName: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhone: string | null;
}
