# The shop API image, as first written: one stage on a full Go image, root, unpinned everything.
FROM golang:latest
MAINTAINER shop-team@example.com
ENV DB_PASSWORD=s3cr3t-Passw0rd!
WORKDIR /src
RUN apt-get update && apt-get install -y curl git gcc \
    && curl -fsSL https://example.com/install-migrate.sh | sh
ADD https://example.com/geoip.tar.gz /opt/
COPY . .
COPY .env /src/.env
RUN cd /src && go build -o /usr/local/bin/api ./cmd/api
RUN chmod 777 /src
EXPOSE 22 8080
CMD api --listen :8080
