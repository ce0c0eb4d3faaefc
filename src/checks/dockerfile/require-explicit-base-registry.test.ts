import { CheckTester } from '../../testing/check-tester.js';
import { requireExplicitBaseRegistry } from './require-explicit-base-registry.js';

CheckTester.run(requireExplicitBaseRegistry, {
  valid: [
    'FROM docker.io/library/node:20\n',
    'FROM gcr.io/distroless/static\n',
    'FROM localhost:5000/app:1\n',
    { name: 'scratch and stage references', dockerfile: 'FROM docker.io/golang:1.22 AS b\nFROM scratch\nCOPY --from=b /a /a\n' },
    { name: 'unresolved ARG', dockerfile: 'ARG BASE\nFROM $BASE\n' },
  ],
  invalid: [
    {
      dockerfile: 'FROM node:20 AS build\nFROM bitnami/redis:7\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n',
      findings: [
        { messageId: 'implicitRegistry', path: '/spec/instructions/0', line: 1, message: /docker.io\/library\/node/ },
        { messageId: 'implicitRegistry', path: '/spec/instructions/1', line: 2 },
        { messageId: 'implicitRegistry', path: '/spec/instructions/2', line: 3 },
      ],
    },
  ],
});
