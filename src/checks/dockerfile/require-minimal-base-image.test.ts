import { CheckTester } from '../../testing/check-tester.js';
import { requireMinimalBaseImage } from './require-minimal-base-image.js';

CheckTester.run(requireMinimalBaseImage, {
  valid: [
    { name: 'slim python', dockerfile: 'FROM python:3.12-slim\nCMD ["python"]\n' },
    { name: 'alpine node with variant', dockerfile: 'FROM node:20-alpine3.19\n' },
    { name: 'debian slim', dockerfile: 'FROM debian:bookworm-slim\n' },
    { name: 'distroless, chainguard, ubi-minimal, scratch', dockerfile: 'FROM gcr.io/distroless/static-debian12:nonroot\n' },
    { dockerfile: 'FROM cgr.dev/chainguard/python:latest\n' },
    { dockerfile: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\n' },
    { dockerfile: 'FROM registry.access.redhat.com/ubi9/ubi-micro\n' },
    { dockerfile: 'FROM scratch\nCOPY app /app\n' },
    { name: 'a full image only in a build stage', dockerfile: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n' },
    { name: 'unknown image is not judged', dockerfile: 'FROM nginx:1.27\n' },
    { name: 'unresolved ARG: unknown image', dockerfile: 'ARG BASE\nFROM ${BASE}\n' },
    { name: 'rocky minimal tag', dockerfile: 'FROM rockylinux:9-minimal\n' },
    { name: 'mirror of an official slim image', dockerfile: 'FROM public.ecr.aws/docker/library/python:3.12-slim\n' },
    { name: 'amazonlinux minimal', dockerfile: 'FROM amazonlinux:2023-minimal\n' },
  ],
  invalid: [
    { name: 'ubuntu final stage', dockerfile: 'FROM ubuntu:22.04\nCMD ["bash"]\n', findings: [{ messageId: 'fullImage', path: '/spec/instructions/0', line: 1, message: /Ubuntu.*distroless/ }] },
    { name: 'python default tag is full', dockerfile: 'FROM python:3.12\n', findings: [{ messageId: 'fullImage', path: '/spec/instructions/0', line: 1, message: /python:<version>-slim/ }] },
    { name: 'node bookworm (not slim) is full', dockerfile: 'FROM node:20-bookworm\n', findings: [{ messageId: 'fullImage', path: '/spec/instructions/0', line: 1 }] },
    { name: 'debian without -slim', dockerfile: 'FROM docker.io/library/debian:12\n', findings: [{ messageId: 'fullImage', path: '/spec/instructions/0', line: 1 }] },
    {
      name: 'final stage FROM an earlier stage resolves to its image',
      dockerfile: 'FROM centos:7 AS base\nRUN true\nFROM alpine:3.20 AS build\nRUN true\nFROM base\nCMD ["x"]\n',
      findings: [{ messageId: 'fullImage', path: '/spec/instructions/0', line: 1, message: /CentOS/ }],
    },
    {
      name: 'ARG default resolves the image, platform flag, lower-case keywords',
      dockerfile: 'ARG BASE=openjdk:21\nfrom --platform=$BUILDPLATFORM ${BASE} as run\n',
      findings: [{ messageId: 'fullImage', path: '/spec/instructions/1', line: 2, message: /openjdk:21/ }],
    },
    { name: 'golang alpine still ships the toolchain', dockerfile: 'FROM golang:1.22-alpine\nRUN go build .\n', findings: [{ messageId: 'toolchainImage', path: '/spec/instructions/0', line: 1, message: /distroless\/static/ }] },
    { name: 'maven in the final stage', dockerfile: 'FROM alpine:3.20 AS x\nFROM maven:3.9-eclipse-temurin-21\n', findings: [{ messageId: 'toolchainImage', path: '/spec/instructions/1', line: 2 }] },
    { name: 'fedora on its own registry', dockerfile: 'FROM registry.fedoraproject.org/fedora:40\n', findings: [{ messageId: 'fullImage', path: '/spec/instructions/0', line: 1 }] },
  ],
});
