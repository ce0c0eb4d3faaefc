import { CheckTester } from '../../testing/check-tester.js';
import { noSecretBuildArg } from './no-secret-build-arg.js';

// Like Docker's SecretsUsedInArgOrEnv, a credential-named ARG is reported whether or not a RUN uses
// it (its value is still recorded in provenance); the message names the RUN that does. Literal
// secret values are no-secret-in-dockerfile's findings and are not repeated here.
CheckTester.run(noSecretBuildArg, {
  valid: [
    { name: 'secret mount instead of an ARG', dockerfile: 'FROM node:20\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n' },
    { name: 'names about secrets', dockerfile: 'FROM alpine:3.20\nARG TOKEN_FILE\nARG SECRET_PATH=/run/secrets/x\nENV PASSWORD_FILE=/run/secrets/db\nARG MYSQL_ALLOW_EMPTY_PASSWORD\n' },
    { name: 'ordinary build args', dockerfile: 'ARG VERSION=1.2\nFROM alpine:${VERSION}\nARG TARGETARCH\nENV APP_VERSION=$VERSION\n' },
    { name: 'literal secret is the other check\'s', dockerfile: 'FROM alpine:3.20\nARG DB_PASSWORD=s3cr3t-Passw0rd\n' },
  ],
  invalid: [
    {
      name: 'ARG token used in RUN',
      dockerfile: 'FROM node:20 AS build\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && \\\n    npm ci\n',
      findings: [{ messageId: 'secretArg', path: '/spec/instructions/1', line: 2, message: /"NPM_TOKEN" passes a token as a build argument used by the RUN on line 3\./ }],
    },
    {
      name: 'ARG declared but unused, lower-case',
      dockerfile: 'FROM alpine:3.20\narg GITHUB_TOKEN\n',
      findings: [{ messageId: 'secretArg', path: '/spec/instructions/1', line: 2 }],
    },
    {
      name: 'ARG copied into ENV persists in the image',
      dockerfile: 'FROM python:3.12-slim\nARG AWS_SECRET_ACCESS_KEY\nENV AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY\nRUN python fetch.py\n',
      findings: [
        { messageId: 'secretArg', path: '/spec/instructions/1', line: 2 },
        { messageId: 'secretEnv', path: '/spec/instructions/2', line: 3 },
      ],
    },
    {
      name: 'global ARG password',
      dockerfile: 'ARG REGISTRY_PASSWORD\nFROM alpine:3.20\n',
      findings: [{ messageId: 'secretArg', path: '/spec/instructions/0', line: 1 }],
    },
  ],
});
