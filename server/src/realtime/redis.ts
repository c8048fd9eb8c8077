import { Redis } from 'ioredis';

/** With REDIS_URL: one command connection (health, publishing); subscribers duplicate it. Else null. */
export const REDIS = Symbol('REDIS');

export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 3 });
}
