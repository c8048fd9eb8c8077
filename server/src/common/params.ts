import { Injectable, type PipeTransform } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { invalidField, notFound } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path parameter that must be a uuid: 400 naming the parameter, never a database error. */
@Injectable()
export class ParseUuid implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw invalidField(this.name, 'invalid_uuid', `不是有效的编号 / Not a valid id: ${value}`);
    return value;
  }
}

/**
 * The street a street-level setting belongs to: the caller's own, or (district scope) the one named.
 * Another street named by a street-scoped caller is out of its jurisdiction (404), never silently
 * swapped for its own: a write meant for that street must not land on this one.
 */
export function streetOf(actor: Actor, streetId: string | undefined): string {
  if (actor.scope.kind !== 'district') {
    if (streetId !== undefined && streetId !== actor.scope.streetId) throw notFound();
    return actor.scope.streetId;
  }
  if (!streetId || !UUID.test(streetId)) {
    throw invalidField('streetId', 'required', '请指定街道 / Name the street (streetId)');
  }
  return streetId;
}
