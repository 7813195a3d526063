# Tramontane worker: the generic MistralWorkflow plus every action as an activity, on one task queue.
# Configured only by environment variables (see workers/config.ts and the README's configuration reference).
#
#   docker build -t tramontane-worker .
#   docker run --rm -e TEMPORAL_ADDRESS=temporal.example.net:7233 tramontane-worker
FROM node:20-slim

ENV NODE_ENV=production \
    TRAMONTANE_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js
WORKDIR /app

# ssh/nc for std.ssh_proxied's proxy_command; CA certificates for TLS to Temporal, SMTP and OpenStack endpoints.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates openssh-client netcat-openbsd \
 && rm -rf /var/lib/apt/lists/*

# Dependencies first (cached while only sources change). tsx is a runtime dependency: workers run TypeScript directly.
# `npm ci` needs every platform's optional @swc/core binary in package-lock.json; while the lock lacks them, fall back
# to `npm install` of the same ranges (the build log says so).
COPY package.json package-lock.json ./
RUN (npm ci --omit=dev --no-audit --no-fund --loglevel=error \
     || (echo "npm ci refused the lock file; installing with npm install --omit=dev" \
         && npm install --omit=dev --no-save --no-audit --no-fund --loglevel=error)) \
 && npm cache clean --force

# Sources (the .dockerignore keeps tests, benches, state and docs out).
COPY . .

# Bundle the workflow once at build time, so a replica starts in about a second instead of bundling on start-up.
RUN node --import tsx deploy/build-bundle.ts "$TRAMONTANE_WORKFLOW_BUNDLE" \
 && mkdir -p /app/.state && chown node:node /app/.state

USER node
# SIGTERM (docker stop, compose scale-down, rolling update) drains the worker: running actions get
# TRAMONTANE_SHUTDOWN_GRACE (default 30s) to finish. Keep the container's stop timeout above that.
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "workers/worker.ts"]
