import { CheckTester } from '../../testing/check-tester.js';
import { requireMultiStageBuild } from './require-multi-stage-build.js';

CheckTester.run(requireMultiStageBuild, {
  valid: [
    { name: 'multi-stage Go', dockerfile: 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'single stage without compiling', dockerfile: 'FROM python:3.12-slim\nCOPY . /app\nRUN pip install --no-cache-dir -r /app/requirements.txt\nCMD ["python", "/app/main.py"]\n' },
    { name: 'npm scripts that are not builds', dockerfile: 'FROM node:20-slim\nRUN npm run lint && npm test\n' },
    { name: 'go version / go mod download', dockerfile: 'FROM golang:1.22\nRUN go version && go mod download\n' },
  ],
  invalid: [
    {
      name: 'single-stage go build',
      dockerfile: 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download && \\\n    CGO_ENABLED=0 go build -o /app .\nCMD ["/app"]\n',
      findings: [{ messageId: 'singleStage', path: '/spec/instructions/3', line: 5, message: /go build/ }],
    },
    {
      name: 'maven wrapper package, lower-case',
      dockerfile: 'from eclipse-temurin:21\ncopy . /src\nrun ./mvnw -B -DskipTests package\n',
      findings: [{ messageId: 'singleStage', path: '/spec/instructions/2', line: 3, message: /mvnw package/ }],
    },
    {
      name: 'npm run build in a heredoc',
      dockerfile: 'FROM node:20\nRUN <<EOF\nnpm ci\nnpm run build\nEOF\n',
      findings: [{ messageId: 'singleStage', path: '/spec/instructions/1', line: 4, message: /npm run build/ }],
    },
    {
      name: 'build stages exist but the final stage still compiles',
      dockerfile: 'FROM rust:1.79 AS deps\nRUN cargo fetch\nFROM rust:1.79\nCOPY --from=deps /usr/local/cargo /usr/local/cargo\nRUN cargo build --release\n',
      findings: [{ messageId: 'compilesInFinal', path: '/spec/instructions/4', line: 5, message: /cargo build/ }],
    },
    {
      name: 'gcc and make',
      dockerfile: 'FROM debian:12\nRUN apt-get install -y gcc make && make -j4 && dotnet publish\n',
      findings: [{ messageId: 'singleStage', path: '/spec/instructions/1', line: 2, message: /\(make\)/ }],
    },
  ],
});
