# syntax=docker/dockerfile:1
# --- build: full dependencies (the embedded MongoDB package is a dev-only workspace), compile, then drop
# dev dependencies so only the production tree is copied on -------------------------------------------
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/mongo-embedded ./packages/mongo-embedded
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- runtime: production dependencies only, non-root -----------------------------------------------
FROM node:24-slim AS runtime
ENV NODE_ENV=production PORT=8000
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 8000
# Liveness (/health answers 200 while the process serves; dependency outages show in /ready instead).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/server.js"]
