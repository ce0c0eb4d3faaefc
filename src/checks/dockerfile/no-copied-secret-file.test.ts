import { CheckTester } from '../../testing/check-tester.js';
import { noCopiedSecretFile } from './no-copied-secret-file.js';

// Certificates and public keys (ca.pem, cert.pem, *.pub, known_hosts, authorized_keys) and env
// templates (.env.example) are not reported; a whole context (`COPY . .`) is left to .dockerignore.
CheckTester.run(noCopiedSecretFile, {
  valid: [
    { name: 'ordinary files and the context', dockerfile: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nCOPY . .\n' },
    { name: 'certificates', dockerfile: 'FROM alpine:3.20\nCOPY ca.pem /usr/local/share/ca-certificates/ca.crt\nCOPY certs/fullchain.pem /etc/ssl/\n' },
    { name: 'public key material into .ssh', dockerfile: 'FROM alpine:3.20\nCOPY known_hosts /root/.ssh/known_hosts\nCOPY deploy.pub /home/app/.ssh/authorized_keys\n' },
    { name: 'env template', dockerfile: 'FROM alpine:3.20\nCOPY .env.example /app/.env.example\n' },
    { name: 'secret mount', dockerfile: 'FROM python:3.12\nRUN --mount=type=secret,id=pypirc,target=/root/.pypirc pip install -r requirements.txt\n' },
  ],
  invalid: [
    {
      name: '.env copied',
      dockerfile: 'FROM node:20-slim\nCOPY .env /app/\n',
      findings: [{ messageId: 'secretFile', path: '/spec/instructions/1', line: 2, message: /COPY copies "\.env" \(environment file with secrets\)/ }],
    },
    {
      name: 'several sources, JSON form, one credential',
      dockerfile: 'FROM node:20-slim\nCOPY ["package.json", ".npmrc", "/app/"]\n',
      findings: [{ messageId: 'secretFile', path: '/spec/instructions/1', line: 2, message: /"\.npmrc"/ }],
    },
    {
      name: 'SSH key, .aws directory and a kubeconfig, lower-case and ADD',
      dockerfile: 'FROM alpine:3.20\ncopy id_ed25519 /root/\nADD .aws /root/.aws\nCOPY --chown=app:app .kube/config /home/app/.kube/config\n',
      findings: [
        { messageId: 'secretFile', path: '/spec/instructions/1', line: 2 },
        { messageId: 'secretFile', path: '/spec/instructions/2', line: 3 },
        { messageId: 'secretFile', path: '/spec/instructions/3', line: 4 },
      ],
    },
    {
      name: 'keys and keystores by extension, globs included',
      dockerfile: 'FROM eclipse-temurin:21-jre\nCOPY tls/server.key tls/server.pem /etc/tls/\nCOPY *.p12 /keys/\n',
      findings: [
        { messageId: 'secretFile', path: '/spec/instructions/1', line: 2, message: /"tls\/server\.key"/ },
        { messageId: 'secretFile', path: '/spec/instructions/1', line: 2, message: /"tls\/server\.pem"/ },
        { messageId: 'secretFile', path: '/spec/instructions/2', line: 3 },
      ],
    },
    {
      name: 'copied from a build stage',
      dockerfile: 'FROM alpine:3.20 AS keys\nRUN ssh-keygen -f /k\nFROM alpine:3.20\nCOPY --from=keys /root/.docker/config.json /root/.docker/config.json\n',
      findings: [{ messageId: 'secretFile', path: '/spec/instructions/3', line: 4, message: /Docker registry credentials/ }],
    },
    {
      name: 'innocent source name written as a private key',
      dockerfile: 'FROM alpine:3.20\nCOPY deploy-key /root/.ssh/id_rsa\nCOPY gitcreds /root/.git-credentials\n',
      findings: [
        { messageId: 'secretDestination', path: '/spec/instructions/1', line: 2, message: /writes to "\/root\/\.ssh\/id_rsa"/ },
        { messageId: 'secretDestination', path: '/spec/instructions/2', line: 3 },
      ],
    },
    {
      name: 'credentials files',
      dockerfile: 'FROM google/cloud-sdk:slim\nCOPY credentials.json .git-credentials .pypirc /root/\n',
      findings: [
        { messageId: 'secretFile', path: '/spec/instructions/1', line: 2, message: /credentials\.json/ },
        { messageId: 'secretFile', path: '/spec/instructions/1', line: 2, message: /git-credentials/ },
        { messageId: 'secretFile', path: '/spec/instructions/1', line: 2, message: /pypirc/ },
      ],
    },
  ],
});
