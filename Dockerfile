# Cartpulse: one image for the collector (default command) and the consumer (`consumer`).
# docker-compose.yml builds it; see README.md, "Production with docker compose".

# Build: install everything, build the SDK script and the dashboard, then drop the dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY protocol/package.json protocol/
COPY sdk/package.json sdk/
COPY collector/package.json collector/
COPY dashboard/package.json dashboard/
COPY examples/package.json examples/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Runtime: the collector's TypeScript sources (run through tsx), the built dashboard and SDK script, the
# production dependencies; owned by root, run by the unprivileged `node` user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=8787 HOST=0.0.0.0 METRICS_PORT=9464
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/collector/package.json collector/
COPY --from=build /app/collector/bin collector/bin
COPY --from=build /app/collector/src collector/src
COPY --from=build /app/dashboard/dist dashboard/dist
COPY --from=build /app/sdk/dist/cartpulse.js sdk/dist/
USER node
EXPOSE 8787 9464
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "collector/bin/healthcheck.mjs"]
ENTRYPOINT ["node", "collector/bin/cartpulse.mjs"]
CMD ["collector"]
