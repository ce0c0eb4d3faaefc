# syntax=docker/dockerfile:1.7
# The shop API image, fixed: the compiler stays in the build stage, the final image is a static binary on
# distroless, running as a non-root user, with every base image pinned by digest (`docker buildx imagetools
# inspect <image>` prints it; the digests below are illustrations, take the ones of the images you reviewed).
FROM docker.io/library/golang:1.23.4-bookworm@sha256:2e8384d4c3a6a6b0f1b7b9f3c1f2d8c1e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/root/go/pkg/mod go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/api ./cmd/api

FROM gcr.io/distroless/static-debian12:nonroot@sha256:6ec5aa99dc335666e79dc64e4a6c8b89c33a543a1967f20d360922a80dd21f02
COPY --from=build /out/api /api
USER 65532:65532
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["/api", "healthcheck"]
ENTRYPOINT ["/api", "--listen", ":8080"]
