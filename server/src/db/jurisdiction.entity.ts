import { Column } from 'typeorm';
import { BaseEntity } from './base.entity';

/**
 * An item placed in one grid of a street (incident, whistle, inspection record, hazard): the columns
 * the policy scopes it by (`scopeCondition`). `departmentIds` are the departments it currently
 * concerns — an incident's dispatch targets, a whistle's summoned departments, a campaign's joint
 * departments — and so its department jurisdiction.
 */
export abstract class JurisdictionEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  streetId: string;

  @Column({ type: 'uuid' })
  communityId: string;

  @Column({ type: 'uuid' })
  gridId: string;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  departmentIds: string[];
}
