# syntax=docker/dockerfile:1
#
# briefbot production image. Two stages: the build stage has the compilers and dev dependencies,
# the runtime stage only what `node dist/src/main.js` needs. test/ops/production-install.test.ts
# replays these steps outside Docker (no Docker on the dev machines), so keep the two in step.
#
# Run it with an init process and the store on a volume:
#   docker run --init -d --name briefbot --env-file .env -p 8080:8080 -v briefbot-data:/data briefbot
# The image has no init of its own: with --init, tini is PID 1, forwards SIGTERM/SIGINT to node
# (which drains in-flight work, see src/shutdown.ts) and reaps any child process. One node process
# of about 100-200 MB RSS; give the container ~512 MB (--memory 512m) and a stop timeout above
# SHUTDOWN_DEADLINE_MS (docker stop -t 15, or stop_grace_period: 15s in compose).

# Pinned to a full Node LTS version so a rebuild gets the same runtime; bump deliberately
# (and pin the digest too, node:22.20.0-bookworm-slim@sha256:…, where the registry is trusted).
ARG NODE_IMAGE=node:22.20.0-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 compiles its native addon when no prebuilt binary fits; the toolchain stays here.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Dev dependencies (typescript) are needed to build, and only in this stage.
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY commands ./commands
# Build, then drop dev dependencies; the compiled better-sqlite3 addon stays in node_modules.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    BRIEFBOT_STORE=/data/briefbot.db \
    HTTP_PORT=8080 \
    HTTP_HOST=0.0.0.0 \
    LOG_FORMAT=json
WORKDIR /app
# Code and config stay owned by root: the bot (user node) can read them but not change them.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY config ./config
COPY articles ./articles
# The store's only writable place; a named volume or a host folder writable by uid 1000.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
# 8080: /healthz /readyz /metrics. 3000: Slack HTTP mode (PORT), unused with Socket Mode.
EXPOSE 8080 3000
# slim images have no curl; node's fetch probes liveness (readiness is for load balancers: /readyz).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
# node, not npm: npm would sit between the signal and the bot and not wait for its shutdown.
CMD ["node", "dist/src/main.js"]
