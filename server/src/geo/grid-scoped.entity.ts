import { Column } from 'typeorm';
import { BaseEntity } from '../db/base.entity';

/**
 * A row pinned to a grid (compound, building, household, person, site, shelter). It carries its
 * street, community and grid so one predicate (`scopeCondition`) scopes every list, count and event;
 * moves keep them in step (GeoLinksRepository).
 */
export abstract class GridScopedEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  streetId: string;

  @Column({ type: 'uuid' })
  communityId: string;

  @Column({ type: 'uuid' })
  gridId: string;
}
