# syntax=docker/dockerfile:1
# The engine's production image (README "Deploying"): Node 24 slim, run as the unprivileged `node`
# user, production dependencies only, the console's built files. One image for every process: the
# compose file (infra/compose.yaml) runs it as the one-shot setup step and as the API and each worker,
# with the same commands the tests and the start command run:
#   node services/engine/src/main.ts          ENGINE_ROLES=api | classifier | penalty-calculator | sla-timer | notifier | all
#   node services/engine/src/cli.ts <command> setup, doctor, keys, periods close, ... (--help)
# Node 24 runs the TypeScript sources as they are (type stripping): there is no compile step.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS pnpm
# The pnpm of package.json's packageManager field.
RUN npm install --global --no-audit --no-fund pnpm@10.34.8
WORKDIR /engine

# Every dependency, dev ones too: the console is built by Vite.
FROM pnpm AS build
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
# Downloads by the lockfile alone, so this layer is reused until the lockfile changes.
RUN pnpm fetch --frozen-lockfile
COPY . .
RUN pnpm install --offline --frozen-lockfile \
  && cd services/console && pnpm exec vite build --logLevel warn

# What runs: production dependencies only, and not the console's (its built files are copied below).
FROM pnpm AS production
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch --prod --frozen-lockfile
COPY . .
RUN pnpm install --offline --prod --frozen-lockfile --filter '!@engine/console'

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    ENGINE_ROLES=all
WORKDIR /engine
# Owned by root, read-only to the engine; only /keys (the setup step's first keys) is the node user's.
COPY --from=production /engine ./
COPY --from=build /engine/services/console/dist ./services/console/dist
RUN mkdir /keys && chown node:node /keys && chmod 700 /keys
USER node
EXPOSE 3000
CMD ["node", "services/engine/src/main.ts"]
