import { CheckTester } from '../../testing/check-tester.js';
import { noPackageUpgrade } from './no-package-upgrade.js';

CheckTester.run(noPackageUpgrade, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\n',
    { name: 'targeted updates of named packages', dockerfile: 'FROM rockylinux:9\nRUN yum update -y openssl && apk upgrade musl\n' },
    { name: 'apk update only refreshes the index', dockerfile: 'FROM alpine:3.20\nRUN apk update && apk add --no-cache curl=8.9.1-r0\n' },
    { name: 'pacman -S without -u', dockerfile: 'FROM archlinux:base\nRUN pacman -Sy --noconfirm git\n' },
  ],
  invalid: [
    {
      name: 'apt-get upgrade and dist-upgrade with options, sudo',
      dockerfile: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get -y upgrade && \\\n    sudo apt-get -qq dist-upgrade\nRUN apt full-upgrade -y\n',
      findings: [
        { messageId: 'upgrade', path: '/spec/instructions/1', line: 2, message: /apt-get upgrade/ },
        { messageId: 'upgrade', path: '/spec/instructions/1', line: 3, message: /apt-get dist-upgrade/ },
        { messageId: 'upgrade', path: '/spec/instructions/2', line: 4 },
      ],
    },
    {
      name: 'yum/dnf update without packages, apk upgrade, microdnf',
      dockerfile: 'FROM centos:7\nRUN yum -y update && yum clean all\nRUN dnf upgrade --refresh -y\nRUN apk upgrade --no-cache\nRUN microdnf update\n',
      findings: [
        { messageId: 'upgrade', path: '/spec/instructions/1', line: 2 },
        { messageId: 'upgrade', path: '/spec/instructions/2', line: 3 },
        { messageId: 'upgrade', path: '/spec/instructions/3', line: 4 },
        { messageId: 'upgrade', path: '/spec/instructions/4', line: 5 },
      ],
    },
    {
      name: 'zypper dup, pacman -Syu, heredoc',
      dockerfile: 'FROM opensuse/leap:15.6\nRUN <<EOF\nzypper --non-interactive dup\npacman -Syu --noconfirm\nEOF\n',
      findings: [
        { messageId: 'upgrade', path: '/spec/instructions/1', line: 3 },
        { messageId: 'upgrade', path: '/spec/instructions/1', line: 4 },
      ],
    },
  ],
});
