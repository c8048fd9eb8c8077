import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { POLICY_KEY, type RoutePolicy } from '@gridboard/server/auth/policy.decorators';

export interface DiscoveredRoute {
  method: string;
  /** Full path with the global prefix, Express style: /api/users/:id */
  path: string;
  /** The declared policy, as the guard reads it (handler first, then controller); undefined = none. */
  policy: RoutePolicy | undefined;
  controller: string;
  handler: string;
}

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/**
 * Every HTTP route of every controller Nest knows about, read from Nest's own module container and
 * route metadata — not from a hand-written list, so a route added by any module shows up here.
 */
export function discoverRoutes(app: INestApplication, prefix = 'api'): DiscoveredRoute[] {
  const scanner = new MetadataScanner();
  const routes: DiscoveredRoute[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const base = [Reflect.getMetadata(PATH_METADATA, type) ?? ''].flat() as string[];
      for (const name of scanner.getAllMethodNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name] as object;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (sub === undefined) continue; // not a route handler
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]!;
        const policy = (Reflect.getMetadata(POLICY_KEY, handler) ?? Reflect.getMetadata(POLICY_KEY, type)) as
          RoutePolicy | undefined;
        for (const b of base) {
          for (const s of [sub].flat()) {
            routes.push({ method, path: join(prefix, b, s), policy, controller: type.name, handler: name });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/**
 * The request handlers actually mounted on the Express app, as `METHOD /path`. Nest mounts one layer
 * per handler and method; a layer answering several methods is middleware mounted for all of them
 * (`forRoutes('{*path}')`, e.g. the request logger), which ends no request and is left out.
 */
export function mountedRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  return express.router.stack.flatMap(({ route }) => {
    const methods = route ? Object.keys(route.methods) : [];
    return route && methods.length === 1 ? [`${methods[0]!.toUpperCase()} ${route.path}`] : [];
  });
}

/** Routes that would be refused by the default-deny guard because they declare no policy. */
export function routesWithoutPolicy(routes: readonly DiscoveredRoute[]): string[] {
  return routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
}
