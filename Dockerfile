# Cordon: `cordon serve` (default) or `cordon watch` on Node 20. Not built in CI; see docs/deployment.md.
# Build: docker build -t cordon .
FROM node:20-bookworm-slim AS build
WORKDIR /opt/cordon
# better-sqlite3 builds its native addon when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY bin ./bin
COPY src ./src
COPY rules ./rules
COPY docs ./docs
# npm ci runs `prepare`, which compiles src/ to dist/; dev dependencies are dropped afterwards.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /opt/cordon
ENV NODE_ENV=production AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true CORDON_DB=/var/lib/cordon/cordon.db
COPY --from=build /opt/cordon /opt/cordon
RUN useradd --system --home /var/lib/cordon --create-home cordon && mkdir -p /var/lib/cordon/files && chown -R cordon /var/lib/cordon
USER cordon
EXPOSE 8080
ENTRYPOINT ["node", "/opt/cordon/bin/cordon.js"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080", "--file-root", "/var/lib/cordon/files"]
