# Multi-stage build of the server (and the client it serves). Used by docker-compose.yml.
FROM node:20-bookworm-slim AS build
RUN npm i -g pnpm@10.34.9
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build && pnpm deploy --filter @gridboard/server --prod --legacy /out \
  && cp -r server/dist /out/dist && mkdir -p /out/client && cp -r client/dist /out/client/dist

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 CLIENT_DIST=/app/client/dist
WORKDIR /app
COPY --from=build /out /app
EXPOSE 3000
USER node
# One event loop on a small machine shared with PostgreSQL: V8's GC helper threads only took cores
# from it (docs/PERFORMANCE.md, realtime, 07:36 run).
CMD ["node", "--single-threaded-gc", "dist/main.js"]
