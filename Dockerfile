# Plimsoll: the dashboard, its API and the job worker in one image. Needs DATABASE_URL (see docker-compose.yml).
# Runs as the unprivileged `node` user on a read-only root filesystem: the only writes are /app/.data (a
# volume: the local secret key, the demo token, the embedded database when DATABASE_URL is unset), /tmp
# (tsx's compile cache, Prisma's migration engine) and /app/.next/cache (Next.js's image and fetch cache),
# both tmpfs. docs/security.md lists the `docker run` flags; docker-compose.yml sets them all.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci
COPY . .
RUN node_modules/.bin/next build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PORT=3000 PLIMSOLL_DATA_DIR=/app/.data \
    NPM_CONFIG_CACHE=/tmp/.npm NPM_CONFIG_UPDATE_NOTIFIER=false
# root owns the code (the app cannot rewrite itself); `node` owns only what it must write
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /app/.data /app/.next/cache && chown node:node /app/.data /app/.next/cache
USER node
EXPOSE 3000
VOLUME ["/app/.data"]
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
# scripts/start.ts (what `npm start` runs) without npm in between: npm would write its logs under $HOME.
# It applies migrations, loads demo data into an empty database, then runs web + worker and restarts
# either when it dies; Docker's restart policy (docker-compose.yml) covers the whole container.
CMD ["node", "--import", "tsx", "scripts/start.ts"]
