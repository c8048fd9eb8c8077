import { z } from 'zod';

/** The people on the board (DOMAIN.md "Who uses it"). */
export const ROLES = [
  'admin',
  'leader',
  'duty_officer',
  'community_staff',
  'grid_leader',
  'grid_worker',
  'dept_staff',
  'drill_coordinator',
  'display',
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * What a user may do, independent of where. Where is decided by the scope (see policy.ts).
 * Kept as data so the client renders only what the server will allow.
 */
export const PERMISSIONS = [
  'geo.read',
  'geo.write',
  'geo.import',
  'pii.reveal',
  'user.manage',
  'audit.read',
  'incident.report',
  'incident.handle',
  'incident.dispatch',
  'incident.supervise',
  'whistle.blow',
  'whistle.respond',
  'flood.read',
  'flood.warn',
  'flood.transfer',
  'flood.register',
  'inspection.read',
  'inspection.record',
  'inspection.manage',
  'hazard.handle',
  'drill.run',
  'duty.write',
  'alarm.ack',
  'incident.configure',
] as const;
export const permissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof permissionSchema>;

const ALL: readonly Permission[] = PERMISSIONS;
const READ: Permission[] = ['geo.read', 'flood.read', 'inspection.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ALL,
  leader: [
    ...READ,
    'pii.reveal',
    'audit.read',
    'incident.report',
    'incident.handle',
    'incident.dispatch',
    'incident.supervise',
    'whistle.blow',
    'flood.warn',
    'flood.transfer',
    'inspection.manage',
    'hazard.handle',
    'duty.write',
    'alarm.ack',
    'incident.configure',
  ],
  duty_officer: [
    ...READ,
    'pii.reveal',
    'incident.report',
    'incident.handle',
    'incident.dispatch',
    'incident.supervise',
    'whistle.blow',
    'flood.warn',
    'flood.transfer',
    'flood.register',
    'inspection.manage',
    'hazard.handle',
    'duty.write',
    'alarm.ack',
  ],
  community_staff: [
    ...READ,
    'geo.write',
    'pii.reveal',
    'incident.report',
    'incident.handle',
    'flood.transfer',
    'flood.register',
    'inspection.record',
    'hazard.handle',
  ],
  grid_leader: [
    ...READ,
    'pii.reveal',
    'incident.report',
    'incident.handle',
    'whistle.blow',
    'flood.transfer',
    'inspection.record',
    'hazard.handle',
  ],
  grid_worker: [...READ, 'incident.report', 'flood.transfer', 'inspection.record'],
  dept_staff: [...READ, 'incident.handle', 'whistle.respond', 'inspection.record', 'hazard.handle'],
  drill_coordinator: [...READ, 'drill.run', 'incident.report', 'flood.warn'],
  display: READ,
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Roles whose scope is the whole street (or, for admin, every street). */
export const STREET_WIDE_ROLES: readonly Role[] = ['admin', 'leader', 'duty_officer', 'drill_coordinator', 'display'];
