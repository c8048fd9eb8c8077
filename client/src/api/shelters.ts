import {
  contactRevealSchema,
  type CreateShelter,
  pageSchema,
  shelterSchema,
  type UpdateShelter,
} from '@gridboard/shared';
import { z } from 'zod';
import { request } from './http';

/** 避险安置点: registry objects at `/api/geo/shelters`, with the occupancy the transfer steps keep. */
const SHELTERS = '/api/geo/shelters';
const one = (id: string) => `${SHELTERS}/${encodeURIComponent(id)}`;
const shelterPageSchema = pageSchema(shelterSchema);

export const shelterApi = {
  /** A street has a few dozen shelters at most: all of them, with the seq they were read at. */
  all: (signal?: AbortSignal) => request(SHELTERS, { query: { limit: 10_000 }, schema: shelterPageSchema, signal }),
  create: (body: CreateShelter) => request(SHELTERS, { method: 'POST', body, schema: shelterSchema }),
  update: (id: string, body: UpdateShelter) => request(one(id), { method: 'PATCH', body, schema: shelterSchema }),
  remove: (id: string) => request(one(id), { method: 'DELETE', schema: z.unknown() }),
  reveal: (id: string) => request(`${one(id)}/reveal`, { method: 'POST', schema: contactRevealSchema }),
};
