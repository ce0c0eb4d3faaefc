import { CheckTester } from '../../testing/check-tester.js';
import { noSecretInDockerfile } from './no-secret-in-dockerfile.js';

// Fake credentials, assembled so the source file itself holds no token-shaped literal.
const GITHUB = 'ghp_' + 'a1B2c3D4e5'.repeat(4).slice(0, 36);
const AWS_ID = 'AKIA' + 'Q3XK7VZ2M4P9W8RT';
const RANDOM = 'q8Zr2' + 'Lw9xT4vN7mK3pYs6';

// Values never appear in messages: each invalid case pins a message without the value.
CheckTester.run(noSecretInDockerfile, {
  valid: [
    { name: 'npm token from a build variable', dockerfile: 'FROM node:20-slim\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci --omit=dev\n' },
    { name: 'references and build secrets', dockerfile: 'FROM alpine:3.20\nARG DB_PASSWORD\nENV DB_PASSWORD=${DB_PASSWORD}\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci\n' },
    { name: 'names about a secret, not the secret', dockerfile: 'FROM alpine:3.20\nENV PASSWORD_FILE=/run/secrets/db TOKEN_PATH=/var/run/token SECRET_NAME=db-secret\nENV API_URL=https://api.example.com\n' },
    { name: 'placeholders and switches', dockerfile: 'FROM postgres:16\nENV POSTGRES_PASSWORD=<your-password> MYSQL_ALLOW_EMPTY_PASSWORD=yes\nARG API_KEY=changeme_later_XXXXX\n' },
    { name: 'high-entropy value under a harmless name', dockerfile: `FROM alpine:3.20\nENV BUILD_SHA=${RANDOM}\nLABEL org.opencontainers.image.revision=${RANDOM}\n` },
    { name: 'RUN using a variable', dockerfile: 'FROM alpine:3.20\nRUN echo "password=$DB_PASSWORD" > /etc/app.conf\n' },
  ],
  invalid: [
    {
      name: 'ENV password, key=value form',
      dockerfile: 'FROM node:20-slim\nENV NODE_ENV=production DB_PASSWORD=s3cr3t-Passw0rd\n',
      findings: [{ messageId: 'secretValue', path: '/spec/instructions/1', line: 2, message: /^ENV "DB_PASSWORD" holds a hard-coded password \(\*\*\*\*\)\.$/ }],
    },
    {
      name: 'ENV legacy form with a GitHub token under any name',
      dockerfile: `FROM alpine:3.20\nENV GH ${GITHUB}\n`,
      findings: [{ messageId: 'secretValue', path: '/spec/instructions/1', line: 2, message: /GitHub token/ }],
    },
    {
      name: 'ARG default holding an AWS key, lower-case instruction, before FROM',
      dockerfile: `arg AWS_ACCESS_KEY_ID=${AWS_ID}\nFROM alpine:3.20\n`,
      findings: [{ messageId: 'secretValue', path: '/spec/instructions/0', line: 1, message: /^ARG "AWS_ACCESS_KEY_ID" holds a hard-coded AWS access key id/ }],
    },
    {
      name: 'ENV API token with a random value, on a continuation line',
      dockerfile: `FROM alpine:3.20\nENV A=1 \\\n    API_TOKEN=${RANDOM}\n`,
      findings: [{ messageId: 'secretValue', path: '/spec/instructions/1', line: 2 }],
    },
    {
      name: 'URL with a password in ENV',
      dockerfile: 'FROM alpine:3.20\nENV DATABASE_URL=postgres://app:Sup3rS3cret@db:5432/app\n',
      findings: [{ messageId: 'secretValue', path: '/spec/instructions/1', line: 2, message: /URL with a password/ }],
    },
    {
      name: 'RUN setting a token, on the continuation line it is on',
      dockerfile: `FROM node:20\nRUN npm config set registry https://registry.npmjs.org && \\\n    npm config set _authToken=${RANDOM}\n`,
      findings: [{ messageId: 'secretInText', path: '/spec/instructions/1', line: 3, message: /^RUN embeds a hard-coded token/ }],
    },
    {
      name: 'heredoc RUN with a GitHub token',
      dockerfile: `FROM alpine:3.20\nRUN <<EOF\nset -e\ngit clone https://${GITHUB}@github.com/acme/app.git\nEOF\n`,
      findings: [{ messageId: 'secretInText', path: '/spec/instructions/1', line: 4 }],
    },
    {
      name: 'COPY heredoc writing a config with a password',
      dockerfile: 'FROM alpine:3.20\nCOPY <<EOF /etc/app.ini\n[db]\npassword = Tr0ub4dor-and-3\nEOF\n',
      findings: [{ messageId: 'secretInText', path: '/spec/instructions/1', line: 4, message: /^COPY embeds a hard-coded password in "password"/ }],
    },
    {
      name: 'ADD from a URL with credentials',
      dockerfile: 'FROM alpine:3.20\nADD https://deploy:Xk29fjQ83@artifacts.example.com/app.tar.gz /tmp/\n',
      findings: [{ messageId: 'secretInText', path: '/spec/instructions/1', line: 2 }],
    },
    {
      name: 'sudo-wrapped command with a password option',
      dockerfile: 'FROM mysql:8\nRUN sudo mysql --user=root --password=Sup3rS3cret -e "CREATE DATABASE app"\n',
      findings: [{ messageId: 'secretInText', path: '/spec/instructions/1', line: 2, message: /password in "password"/ }],
    },
    {
      name: 'npm registry token written to .npmrc (//host/:_authToken form), on its own continuation line',
      dockerfile: 'FROM node:20-slim\nRUN printf "%s\\n" \\\n    "//registry.npmjs.org/:_authToken=3f9c2a7e-41b2-4d8e-9a6f-0c1d2e3f4a5b" > /root/.npmrc\n',
      findings: [{ messageId: 'secretInText', path: '/spec/instructions/1', line: 3, message: /token in "_authToken"/ }],
    },
    {
      name: 'npm _auth in a COPY heredoc .npmrc',
      dockerfile: 'FROM node:20-slim\nCOPY <<EOF /root/.npmrc\n//npm.example.com/repo/:_auth=dXNlcjpwYXNzd29yZDEyMw==\nEOF\n',
      findings: [{ messageId: 'secretInText', path: '/spec/instructions/1', line: 3 }],
    },
  ],
});
