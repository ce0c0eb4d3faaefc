import { defineCheck } from '../define-check.js';
import { dockerfileAnalyzer } from '../../analyzers/dockerfile/dockerfile-analyzer.js';
import { copyOperands, instructionPath } from './instruction-semantics.js';

/** What a path (a COPY/ADD source or destination) holds when it is a credential file or directory. */
function secretFileKind(path: string): string | undefined {
  const p = path.replace(/^["']|["']$/g, '').replace(/\/+$/, '');
  if (p === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(p) || p.startsWith('git@')) return undefined;
  const segments = p.split('/').filter((s) => s !== '' && s !== '.');
  const base = (segments[segments.length - 1] ?? '').toLowerCase();
  const dirs = segments.slice(0, -1).map((s) => s.toLowerCase());
  const within = (d: string) => dirs.includes(d) || base === d;
  if (within('.ssh')) return base !== '.ssh' && /\.pub$|^known_hosts|^authorized_keys2?$|^config$/.test(base) ? undefined : 'SSH keys';
  if (within('.aws')) return 'AWS credentials';
  if (within('.kube') || /^kubeconfig(?:\.ya?ml)?$/.test(base)) return 'kubeconfig';
  if (within('.gnupg')) return 'GnuPG keyring';
  if (dirs.includes('.docker') && base === 'config.json') return 'Docker registry credentials';
  if (base === '.docker') return 'Docker registry credentials';
  if (/^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/.test(base)) return 'SSH private key';
  if (/^\.env(?:\.[\w-]+)*$/.test(base) && !/\.(?:example|sample|template|dist|defaults|tpl|schema)$/.test(base)) return 'environment file with secrets';
  if (base === '.npmrc' || base === '.yarnrc.yml' || base === '.pypirc' || base === 'pip.conf' || base === '.netrc' || base === '_netrc' || base === '.git-credentials' || base === '.pgpass' || base === '.vault-token' || base === '.dockercfg') {
    return 'credentials file';
  }
  if (/^(?:credentials|\.credentials|credentials\.(?:json|ya?ml|csv|xml|ini)|client_secrets?\.json)$/.test(base)) return 'credentials file';
  if (/\.(?:key|p12|pfx|jks|keystore|ppk|pkcs12)$/.test(base)) return 'private key or keystore';
  // A .pem is a private key unless its name says certificate or public key (CA bundles are copied on purpose).
  if (/\.pem$/.test(base) && !/(?:^|[-_.])(?:ca|cacert|cert|certs|certificate|chain|fullchain|bundle|root|intermediate|public|pub|crt|trust|truststore)(?:[-_.]|\d|$)/.test(base)) return 'private key';
  return undefined;
}

export const noCopiedSecretFile = defineCheck({
  meta: {
    id: 'no-copied-secret-file',
    category: 'dockerfile',
    severity: 'high',
    kinds: ['Dockerfile'],
    stage: 'build',
    summary: 'COPY and ADD must not put credential files (.env, SSH keys, .npmrc, cloud and registry credentials) into an image.',
    rationale:
      'Every file COPY or ADD writes is stored in a layer: deleting it in a later RUN hides it from the running container but not from anyone who pulls the image and unpacks the layer. A .env file, an id_rsa, an .npmrc or .pypirc with a registry token, ~/.aws or ~/.kube credentials, a .docker/config.json or a private key (.pem, .key, .p12) copied into any stage — a build stage\'s files also reach the build cache and whatever the final stage copies from it — gives the reader the systems it unlocks. Sources and destinations are both checked (COPY key /root/.ssh/id_rsa); certificate and public-key files (ca.pem, *.pub) and templates (.env.example) are not reported. A whole build context (`COPY . .`) depends on .dockerignore, which this check cannot see.',
    remediation:
      'Do not copy the file: use `RUN --mount=type=secret,id=<id>,target=<path>` for build-time credentials (npm, pip, git) and `RUN --mount=type=ssh` for SSH access, add the file to .dockerignore, and provide runtime credentials through the orchestrator (a Kubernetes Secret mounted as a volume).',
    references: [
      { url: 'https://docs.docker.com/build/building/secrets/' },
      { url: 'https://docs.docker.com/build/concepts/context/#dockerignore-files' },
    ],
    messages: {
      secretFile: '{{keyword}} copies "{{file}}" ({{kind}}) into the image.',
      secretDestination: '{{keyword}} writes to "{{file}}" ({{kind}}) in the image.',
    },
  },
  check(obj, ctx) {
    const model = ctx.facts.get(dockerfileAnalyzer).of(obj);
    if (!model) return;
    for (const instr of model.instructions) {
      const target = instr.keyword === 'ONBUILD' && instr.trigger ? instr.trigger : instr;
      if (target.keyword !== 'COPY' && target.keyword !== 'ADD') continue;
      const ops = copyOperands(target, model.escape);
      if (!ops) continue;
      const intoDirectory = ops.dest.endsWith('/') || ops.sources.length > 1;
      for (const src of ops.sources) {
        const data = { keyword: target.keyword, file: src };
        const kind = secretFileKind(src);
        if (kind) {
          ctx.report({ messageId: 'secretFile', data: { ...data, kind }, path: instructionPath(instr), line: instr.line });
          continue;
        }
        const srcBase = src.replace(/\/+$/, '').split('/').pop() ?? '';
        const written = intoDirectory ? `${ops.dest.replace(/\/+$/, '')}/${srcBase}` : ops.dest;
        const destKind = /[*?[]/.test(srcBase) && intoDirectory ? undefined : secretFileKind(written);
        if (destKind) ctx.report({ messageId: 'secretDestination', data: { ...data, file: written, kind: destKind }, path: instructionPath(instr), line: instr.line });
      }
    }
  },
});
