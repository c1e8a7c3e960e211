# One image recipe for every Mercato service: docker build --build-arg APP=catalog .
# Multi-stage on the official Bun image; runs as the image's non-root `bun` user.
ARG BUN_VERSION=1.4.5

FROM oven/bun:${BUN_VERSION} AS deps
WORKDIR /app
COPY package.json bun.lock ./
COPY apps ./apps
COPY packages ./packages
RUN bun install --frozen-lockfile --production --ignore-scripts

FROM oven/bun:${BUN_VERSION}-slim AS runtime
ARG APP
ENV NODE_ENV=production APP=${APP}
WORKDIR /app
COPY --from=deps --chown=bun:bun /app /app
USER bun
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD bun -e "fetch('http://127.0.0.1:'+process.env.PORT+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "exec bun apps/${APP}/src/main.ts"]
