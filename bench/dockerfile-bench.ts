/**
 * Dockerfile benchmark (`npm run bench`): generates 1,000 realistic Dockerfiles (seeded: multi-stage Go, Node,
 * Python, Java and Rust builds, apt/apk/pip/npm installs, here-documents, build ARGs in FROM, various bases,
 * inline suppressions), writes them into a directory tree, and measures `bulwark scan <dir>` with every
 * registered check — readInputs, the engine and the JSON report — in fresh child processes (median of 3),
 * with peak RSS. Target: ≤ 2 s for 1,000 Dockerfiles. It reports numbers and never asserts: the exit code is
 * 0 unless something crashes.
 *
 *   node dist/bench/dockerfile-bench.js                 the whole benchmark
 *   node dist/bench/dockerfile-bench.js --child <dir>   one measurement, printed as one JSON line
 *
 * Environment: BENCH_DOCKERFILES (default 1000), BENCH_DOCKERFILE_RUNS (default 3), BENCH_DOCKERFILE_SEED
 * (default 1), BENCH_KEEP=1 (keep the generated files).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { dockerfileAnalyzer } from '../src/analyzers/dockerfile/dockerfile-analyzer.js';
import { defineCheck } from '../src/checks/define-check.js';
import { BUILTIN_CHECKS } from '../src/checks/index.js';
import { renderReport } from '../src/reporters/index.js';
import { scan } from '../src/scan.js';
import { prng } from '../src/testing/prng.js';
import { fmtInt, fmtMb, fmtMs, median, positiveInt, verdict } from './bench-support.js';

const TARGET_FILES = 1000;
const TARGET_MS = 2000;
const SCRIPT = fileURLToPath(import.meta.url);

interface RunResult {
  /** scan() + JSON rendering, excluding Node start-up and module loading. */
  ms: number;
  /** Spawn to exit, as a user would time `bulwark scan`. */
  processMs: number;
  objects: number;
  files: number;
  findings: number;
  problems: number;
  checks: number;
  dockerfileChecks: number;
  maxRssKB: number;
}


async function child(dir: string | undefined): Promise<void> {
  if (!dir) {
    process.stderr.write('usage: dockerfile-bench.js --child <dir>\n');
    process.exit(2);
  }
  // Until Dockerfile checks are registered, a stand-in check makes the engine build every Dockerfile model.
  const hasDockerfileChecks = BUILTIN_CHECKS.some((c) => c.meta.category === 'dockerfile');
  const checks = hasDockerfileChecks ? BUILTIN_CHECKS : [...BUILTIN_CHECKS, MODEL_PROBE];
  const t = performance.now();
  const result = await scan([dir], { checks });
  const report = renderReport('json', result, { color: false, cwd: process.cwd(), toolVersion: 'bench' });
  const ms = performance.now() - t;
  const out: Omit<RunResult, 'processMs'> = {
    ms,
    objects: result.objectCount,
    files: result.fileCount,
    findings: result.findings.length,
    problems: result.problems.length,
    checks: result.checks.length,
    dockerfileChecks: result.checks.filter((c) => c.category === 'dockerfile').length,
    maxRssKB: process.resourceUsage().maxRSS,
  };
  void report.length;
  process.stdout.write(`${JSON.stringify({ ...out, processMs: 0 })}\n`);
}

const MODEL_PROBE = defineCheck({
  meta: {
    id: 'bench-dockerfile-model',
    category: 'dockerfile',
    severity: 'info',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'Builds the Dockerfile model (benchmark stand-in).',
    rationale: '',
    remediation: '.',
    references: [],
    messages: {},
  },
  check(obj, ctx) {
    ctx.facts.get(dockerfileAnalyzer).of(obj);
  },
});

function measure(dir: string): RunResult {
  const start = performance.now();
  const run = spawnSync(process.execPath, [SCRIPT, '--child', dir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const processMs = performance.now() - start;
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`child exited with ${run.status ?? run.signal}:\n${run.stderr}`);
  return { ...(JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as RunResult), processMs };
}

function main(): void {
  const count = positiveInt(process.env.BENCH_DOCKERFILES, TARGET_FILES);
  const runs = positiveInt(process.env.BENCH_DOCKERFILE_RUNS, 3);
  const seed = positiveInt(process.env.BENCH_DOCKERFILE_SEED, 1);
  const keep = process.env.BENCH_KEEP === '1';
  const dir = join(tmpdir(), `bulwark-dockerfile-bench-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  console.log(`Bulwark Dockerfile benchmark — node ${process.version}, ${process.platform}/${process.arch}, seed ${seed}, ${runs} fresh process(es)`);
  const files = generateDockerfiles(count, seed);
  let bytes = 0;
  let lines = 0;
  for (const f of files) {
    mkdirSync(join(dir, f.dir), { recursive: true });
    writeFileSync(join(dir, f.dir, f.name), f.text);
    bytes += Buffer.byteLength(f.text);
    lines += f.text.split('\n').length - 1;
  }
  console.log(`  generated ${fmtInt(files.length)} Dockerfiles (${fmtInt(lines)} lines, ${fmtMb(bytes / 1048576)}) in ${dir}`);
  try {
    const results: RunResult[] = [];
    for (let i = 0; i < runs; i++) results.push(measure(dir));
    const last = results[results.length - 1];
    const ms = median(results.map((r) => r.ms));
    const processMs = median(results.map((r) => r.processMs));
    const rssMB = median(results.map((r) => r.maxRssKB / 1024));
    const probe = last.dockerfileChecks === 1 && !BUILTIN_CHECKS.some((c) => c.meta.category === 'dockerfile') ? ' (no Dockerfile check registered: a stand-in builds the models)' : '';
    console.log(`  scan: ${fmtInt(last.objects)} objects from ${fmtInt(last.files)} files, ${fmtInt(last.checks)} checks (${last.dockerfileChecks} dockerfile${probe}), ${fmtInt(last.findings)} findings, ${last.problems} problems`);
    console.log(`  runs (in-process / process / peak RSS): ${results.map((r) => `${fmtMs(r.ms)} / ${fmtMs(r.processMs)} / ${fmtMb(r.maxRssKB / 1024)}`).join('   ')}`);
    console.log(`  median: ${fmtMs(ms)} in-process, ${fmtMs(processMs)} process (spawn to exit), peak RSS ${fmtMb(rssMB)}`);
    console.log(`  ${verdict(processMs <= TARGET_MS)} ${fmtInt(count)} Dockerfiles scanned in ${fmtMs(processMs)} (target ≤ ${fmtMs(TARGET_MS)}), ${fmtInt((count / processMs) * 1000)} Dockerfiles/s`);
  } finally {
    if (keep) console.log(`  BENCH_KEEP=1: Dockerfiles kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  console.log('');
}

// ───────────────────────────── generator ─────────────────────────────

export interface GeneratedDockerfile {
  dir: string;
  name: string;
  text: string;
}

type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const chance = (r: Rand, p: number): boolean => r() < p;

const RUNTIME_BASES = [
  'gcr.io/distroless/static-debian12:nonroot', 'gcr.io/distroless/base-debian12', 'alpine:3.20', 'debian:12-slim', 'ubuntu:24.04',
  'debian:bookworm', 'scratch', 'cgr.dev/chainguard/static:latest', 'registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'centos:7',
  'alpine', 'ubuntu:latest', 'busybox:1.36',
];
const APT_PACKAGES = ['curl', 'ca-certificates', 'git', 'gnupg', 'unzip', 'tzdata', 'libpq-dev', 'build-essential', 'openssh-server', 'sudo', 'jq', 'netcat-openbsd', 'gcc', 'make', 'vim', 'strace'];
const APK_PACKAGES = ['curl', 'ca-certificates', 'git', 'bash', 'tzdata', 'build-base', 'openssl', 'su-exec', 'tini', 'gcc', 'musl-dev'];
const PIP_PACKAGES = ['flask', 'gunicorn', 'requests', 'django==5.0.6', 'psycopg2-binary', 'uvicorn[standard]', 'numpy==1.26.4', 'boto3'];
const NPM_GLOBALS = ['pm2', 'typescript@5.4.5', 'serve', 'nodemon'];

function aptInstall(r: Rand, indent = '    '): string {
  const pkgs = Array.from({ length: 2 + Math.floor(r() * 5) }, () => pick(r, APT_PACKAGES));
  const pinned = pkgs.map((p) => (chance(r, 0.3) ? `${p}=1.2.${Math.floor(r() * 9)}-1` : p));
  const recommends = chance(r, 0.6) ? ' --no-install-recommends' : '';
  const clean = chance(r, 0.6) ? ` \\\n${indent}&& rm -rf /var/lib/apt/lists/*` : '';
  const upgrade = chance(r, 0.1) ? ` \\\n${indent}&& apt-get upgrade -y` : '';
  return `apt-get update${upgrade} \\\n${indent}&& apt-get install -y${recommends} \\\n${indent}   ${[...new Set(pinned)].join(' \\\n' + indent + '   ')}${clean}`;
}

function apkInstall(r: Rand): string {
  const pkgs = [...new Set(Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(r, APK_PACKAGES)))];
  return `apk add${chance(r, 0.6) ? ' --no-cache' : ''} ${pkgs.map((p) => (chance(r, 0.3) ? `${p}=~1.2` : p)).join(' ')}`;
}

function runtimeTail(r: Rand, base: string, binary: string, port: number): string {
  const lines: string[] = [];
  if (base.startsWith('alpine')) lines.push(`RUN ${apkInstall(r)}`);
  else if (/^(debian|ubuntu)/.test(base)) lines.push(`RUN ${aptInstall(r)}`);
  if (chance(r, 0.15)) lines.push('# bulwark-ignore no-sudo legacy entrypoint needs it');
  if (chance(r, 0.2)) lines.push(`RUN chmod ${pick(r, ['755', '777', 'u+s', '4755'])} ${binary}`);
  if (!base.startsWith('scratch') && !base.includes('distroless') && chance(r, 0.5)) lines.push('RUN addgroup -S app && adduser -S app -G app');
  lines.push(`EXPOSE ${chance(r, 0.05) ? 22 : port}`);
  if (chance(r, 0.5)) lines.push(`HEALTHCHECK --interval=30s --timeout=3s CMD ["${binary}", "healthcheck"]`);
  if (chance(r, 0.7)) lines.push(`USER ${pick(r, ['app', '65532:65532', 'nonroot', '1000', 'root'])}`);
  lines.push(chance(r, 0.8) ? `ENTRYPOINT ["${binary}"]` : `CMD ${binary} --port ${port}`);
  return lines.join('\n');
}

function goService(r: Rand, name: string): string {
  const base = pick(r, RUNTIME_BASES);
  return `# syntax=docker/dockerfile:1.7
ARG GO_VERSION=${pick(r, ['1.22', '1.23', '1.21.13'])}
FROM --platform=$BUILDPLATFORM golang:\${GO_VERSION}${chance(r, 0.5) ? '-alpine' : ''} AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build \\
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags="-s -w" -o /out/${name} ./cmd/${name}
${chance(r, 0.3) ? 'RUN go install github.com/go-delve/delve/cmd/dlv@latest\n' : ''}
FROM ${base}
COPY --from=build /out/${name} /usr/local/bin/${name}
${runtimeTail(r, base, `/usr/local/bin/${name}`, 8080 + Math.floor(r() * 20))}
`;
}

function nodeService(r: Rand, name: string): string {
  const version = pick(r, ['20', '22', '18.20.4', 'lts']);
  const slim = pick(r, ['', '-slim', '-alpine', '-bookworm-slim']);
  const multi = chance(r, 0.6);
  const install = pick(r, ['npm ci --omit=dev', 'npm ci', 'npm install', 'yarn install --frozen-lockfile --production', 'npm install --production']);
  const globals = chance(r, 0.25) ? `RUN npm install -g ${pick(r, NPM_GLOBALS)}\n` : '';
  const head = multi
    ? `FROM node:${version}${slim} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN ${install}
FROM node:${version}${slim} AS build
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build
FROM node:${version}${pick(r, ['-slim', '-alpine', ''])}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=deps /app/node_modules ./node_modules
`
    : `FROM node:${version}${slim}
WORKDIR ${chance(r, 0.1) ? 'app' : '/usr/src/app'}
COPY package*.json ./
RUN ${install}
${globals}COPY . .
${chance(r, 0.2) ? 'COPY .npmrc /root/.npmrc\n' : ''}`;
  return `${head}${chance(r, 0.15) ? `ENV NPM_TOKEN=npm_${Math.floor(r() * 1e12).toString(36)}\n` : ''}USER ${chance(r, 0.8) ? 'node' : 'root'}
EXPOSE 3000
${chance(r, 0.5) ? 'HEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1\n' : ''}CMD ["node", "dist/${name}.js"]
`;
}

function pythonService(r: Rand, name: string): string {
  const version = pick(r, ['3.12', '3.11', '3.10', '3.12.4']);
  const flavor = pick(r, ['', '-slim', '-slim-bookworm', '-alpine']);
  const pip = PIP_PACKAGES.filter(() => chance(r, 0.3));
  return `FROM python:${version}${flavor}${chance(r, 0.2) ? ` AS base` : ''}
ENV PYTHONDONTWRITEBYTECODE=1 \\
    PYTHONUNBUFFERED=1
WORKDIR /app
${flavor === '-alpine' ? `RUN ${apkInstall(r)}` : `RUN ${aptInstall(r)}`}
COPY requirements.txt .
RUN pip install${chance(r, 0.5) ? ' --no-cache-dir' : ''} -r requirements.txt${pip.length ? ` ${pip.join(' ')}` : ''}
${chance(r, 0.3) ? `RUN <<EOF
set -eux
python -m compileall /app
useradd --create-home --uid 10001 ${name}
EOF
` : ''}${chance(r, 0.1) ? 'ADD https://example.com/config.tar.gz /tmp/\n' : ''}${chance(r, 0.1) ? 'RUN curl -fsSL https://install.example.com | sh\n' : ''}COPY . .
${chance(r, 0.6) ? `USER ${chance(r, 0.8) ? '10001' : 'root'}\n` : ''}EXPOSE 8000
CMD ${chance(r, 0.7) ? `["gunicorn", "-b", "0.0.0.0:8000", "${name}.wsgi"]` : `gunicorn -b 0.0.0.0:8000 ${name}.wsgi`}
`;
}

function javaService(r: Rand, name: string): string {
  const tool = pick(r, ['maven', 'gradle']);
  const build = tool === 'maven'
    ? `FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /build
COPY pom.xml .
RUN --mount=type=cache,target=/root/.m2 mvn -B dependency:go-offline
COPY src ./src
RUN --mount=type=cache,target=/root/.m2 mvn -B package -DskipTests`
    : `FROM gradle:8.8-jdk21 AS build
WORKDIR /home/gradle/src
COPY --chown=gradle:gradle . .
RUN gradle bootJar --no-daemon`;
  const runtime = pick(r, ['eclipse-temurin:21-jre', 'eclipse-temurin:21-jre-alpine', 'openjdk:21', 'gcr.io/distroless/java21-debian12:nonroot', 'amazoncorretto:21']);
  return `${build}
FROM ${runtime}
WORKDIR /opt/${name}
COPY --from=build /build/target/*.jar app.jar
${chance(r, 0.5) ? 'USER 1000:1000\n' : ''}EXPOSE 8080
${chance(r, 0.4) ? 'HEALTHCHECK --start-period=30s CMD ["java", "-version"]\n' : ''}ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "app.jar"]
`;
}

function rustService(r: Rand, name: string): string {
  return `ARG RUST_VERSION=1.79
ARG RUNTIME=\${RUNTIME:-debian:bookworm-slim}
FROM rust:\${RUST_VERSION}-slim AS builder
WORKDIR /usr/src/${name}
RUN apt-get update && apt-get install -y pkg-config libssl-dev
COPY . .
RUN cargo build --release --locked
FROM \${RUNTIME}
RUN ${aptInstall(r)}
COPY --from=builder /usr/src/${name}/target/release/${name} /usr/local/bin/${name}
${chance(r, 0.7) ? 'USER 65534\n' : ''}CMD ["${name}"]
`;
}

function legacyImage(r: Rand, name: string): string {
  return `FROM ${pick(r, ['ubuntu:20.04', 'centos:7', 'debian', 'ubuntu'])}
MAINTAINER ops@example.com
ENV DEBIAN_FRONTEND=noninteractive
run apt-get update && apt-get install -y ${[...new Set(Array.from({ length: 5 }, () => pick(r, APT_PACKAGES)))].join(' ')}
RUN cd /opt && wget -q https://downloads.example.com/${name}.tar.gz && tar xzf ${name}.tar.gz
ADD ./scripts /opt/${name}/scripts
${chance(r, 0.3) ? 'COPY id_rsa /root/.ssh/id_rsa\n' : ''}${chance(r, 0.3) ? `ARG DB_PASSWORD=${Math.floor(r() * 1e9)}\n` : ''}RUN sudo chmod -R 777 /opt/${name}
${chance(r, 0.5) ? 'EXPOSE 22\n' : ''}EXPOSE 8080
CMD /opt/${name}/bin/start.sh
`;
}

const TEMPLATES = [goService, goService, nodeService, nodeService, pythonService, pythonService, javaService, rustService, legacyImage];
const NAMES = ['api', 'web', 'worker', 'billing', 'auth', 'search', 'gateway', 'cart', 'ledger', 'notifier', 'ingest', 'report'];

/** `count` Dockerfiles with the names real repositories use (Dockerfile, Dockerfile.dev, worker.Dockerfile, Containerfile). */
export function generateDockerfiles(count: number, seed: number): GeneratedDockerfile[] {
  const r = prng(seed);
  const out: GeneratedDockerfile[] = [];
  for (let i = 0; i < count; i++) {
    const name = pick(r, NAMES);
    const template = pick(r, TEMPLATES);
    const fileName = pick(r, ['Dockerfile', 'Dockerfile', 'Dockerfile', 'Dockerfile.prod', `${name}.Dockerfile`, 'Containerfile']);
    out.push({ dir: join(`team-${i % 25}`, `${name}-${i}`), name: fileName, text: template(r, name) });
  }
  return out;
}

// Last, so the generator's constants above are initialised.
if (process.argv[2] === '--child') {
  await child(process.argv[3]);
} else {
  main();
}
