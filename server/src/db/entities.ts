import { AuditLogEntity } from '../audit/audit-log.entity';
import { UserEntity } from '../auth/user.entity';
import { LoginThrottleEntity } from '../auth/login-throttle.entity';
import { AuthSessionEntity, RefreshTokenEntity } from '../auth/session.entity';
import { CommunityEntity } from '../geo/community.entity';
import { DepartmentEntity } from '../geo/department.entity';
import { GridEntity } from '../geo/grid.entity';
import { StreetEntity } from '../geo/street.entity';
import { EventEntity, EventSeqEntity } from '../realtime/event.entity';

/** Every entity, by module. A new entity must be listed here and come with a migration. */
export const ENTITIES = [
  AuditLogEntity,
  EventEntity,
  EventSeqEntity,
  UserEntity,
  StreetEntity,
  CommunityEntity,
  GridEntity,
  DepartmentEntity,
  AuthSessionEntity,
  RefreshTokenEntity,
  LoginThrottleEntity,
];
