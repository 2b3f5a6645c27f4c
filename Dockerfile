# Build once, run compiled: the build stage has the dev tools (TypeScript) and runs `npm run build`;
# the image that runs holds dist/ and production dependencies only (no tsx, no sources, no tests).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The keys volume (docker-compose.yml) takes this directory's owner when first mounted.
RUN mkdir -p /run/keys /app/data && chown node:node /run/keys /app/data
USER node
CMD ["node", "dist/gateway/main.js"]
