import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/**
 * Connections beyond about twice the database's cores only queue inside PostgreSQL: on the 2-core
 * bench machine 6 connections gave 392 closed-loop REST writes/s where 20 gave 162–308.
 */
export const DEFAULT_POOL_SIZE = 10;
const DEV_JWT_SECRET = 'gridboard-development-secret-change-me-0000';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Behind nginx or another proxy: how many proxy hops to trust for the client address (X-Forwarded-For). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /**
   * PostgreSQL connections per instance, all kept open: a connection opened in the middle of a burst
   * costs a backend start and cold caches while writes queue behind it.
   */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(DEFAULT_POOL_SIZE),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Prefix of every Redis channel and key: deployments (or test runs) sharing one Redis stay apart. */
  REDIS_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/i, 'letters, digits, - and _ only')
    .default('gridboard'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .max(90 * 86_400)
    .default(7 * 86_400),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The built client served at /; the server runs API-only when it is missing. */
  CLIENT_DIST: z.string().min(1).default(resolve(__dirname, '../../../client/dist')),
  /** Seed the demo street when the database is empty (pnpm start on a fresh machine). */
  SEED_DEMO: bool.default(true),
  /** Open311 GeoReport v2 is readable without login unless turned off. */
  OPEN311_PUBLIC: bool.default(true),
  /** The deadline scheduler's scan period. */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  /** Basemap: the street's own vector layers (offline), or raster tiles under them. */
  MAP_TILES: z.enum(['vector', 'tianditu', 'osm', 'amap', 'custom']).default('vector'),
  /** 天地图 browser key (MAP_TILES=tianditu). */
  TIANDITU_KEY: z
    .string()
    .regex(/^[0-9a-z]{16,64}$/i, 'letters and digits')
    .optional(),
  /** A self-hosted tile server (MAP_TILES=custom): a Leaflet URL template with {z}/{x}/{y}. */
  MAP_TILE_URL: z.url({ protocol: /^https?$/ }).optional(),
  MAP_TILE_SUBDOMAINS: z
    .string()
    .regex(/^[a-z0-9]*$/i)
    .default(''),
  MAP_TILE_ATTRIBUTION: z.string().max(200).default(''),
  /** gcj02 for tiles in China's shifted datum (AMap-derived servers). */
  MAP_TILE_CRS: z.enum(['wgs84', 'gcj02']).default('wgs84'),
});

export type AppConfig = Readonly<{
  env: 'development' | 'production' | 'test';
  host: string;
  trustProxy: number;
  port: number;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  redisUrl: string | undefined;
  redisNamespace: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  clientDist: string;
  seedDemo: boolean;
  open311Public: boolean;
  schedulerIntervalMs: number;
  map: Readonly<{
    tiles: z.infer<typeof envSchema>['MAP_TILES'];
    tiandituKey: string | undefined;
    tileUrl: string | undefined;
    tileSubdomains: string;
    tileAttribution: string;
    tileCrs: 'wgs84' | 'gcj02';
  }>;
}>;

export class ConfigError extends Error {}

/** Reads and validates the environment once, at start-up; a wrong value names the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && e.JWT_SECRET === DEV_JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: must be set in production');
  }
  if (e.MAP_TILES === 'tianditu' && !e.TIANDITU_KEY) {
    throw new ConfigError('Invalid configuration:\n  TIANDITU_KEY: required when MAP_TILES=tianditu');
  }
  if (e.MAP_TILES === 'custom' && !e.MAP_TILE_URL) {
    throw new ConfigError('Invalid configuration:\n  MAP_TILE_URL: required when MAP_TILES=custom');
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    trustProxy: e.TRUST_PROXY,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: resolve(e.DATA_DIR),
    redisUrl: e.REDIS_URL,
    redisNamespace: e.REDIS_NAMESPACE,
    jwtSecret: e.JWT_SECRET,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    logLevel: e.LOG_LEVEL,
    clientDist: resolve(e.CLIENT_DIST),
    seedDemo: e.SEED_DEMO,
    open311Public: e.OPEN311_PUBLIC,
    schedulerIntervalMs: e.SCHEDULER_INTERVAL_MS,
    map: {
      tiles: e.MAP_TILES,
      tiandituKey: e.TIANDITU_KEY,
      tileUrl: e.MAP_TILE_URL,
      tileSubdomains: e.MAP_TILE_SUBDOMAINS,
      tileAttribution: e.MAP_TILE_ATTRIBUTION,
      tileCrs: e.MAP_TILE_CRS,
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
