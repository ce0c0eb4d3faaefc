import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  classifySecretName,
  decodeBase64,
  detectPattern,
  detectSecret,
  detectSecretsInText,
  isPlaceholder,
  isPublicKeyMaterial,
  looksRandom,
  nameWords,
  settingsInLine,
  shannonEntropy,
} from './secret-detector.js';

// Fake credentials are assembled at run time so that secret scanners (push protection) do not flag
// this file; none of them is real.
const FAKE = {
  aws: 'AK' + 'IA' + 'Z7Q2M4X9W1V3B5N8',
  awsExample: 'AK' + 'IA' + 'IOSFODNN7' + 'EXAMPLE',
  github: 'gh' + 'p_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
  githubPat: 'github' + '_pat_' + '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
  gitlab: 'gl' + 'pat-' + 'x1Y2z3A4b5C6d7E8f9G0',
  slack: 'xo' + 'xb-' + '1234567890-0987654321-AbCdEfGhIjKl',
  slackWebhook: 'https://hooks.slack.com/services/' + 'T0123ABCD/B0456EFGH/' + 'aBcDeFgHiJkLmNoPqRsTuVwX',
  google: 'AI' + 'za' + 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q',
  stripe: 'sk' + '_live_' + '4eC39HqLyjWDarjtT1zdp7dc',
  huggingFace: 'hf' + '_' + 'aBcDeFgHiJkLmNoPqRsTuVwXyZ01234567',
  jwt: 'ey' + 'JhbGciOiJIUzI1NiJ9.' + 'ey' + 'JzdWIiOiIxMjM0NTY3ODkwIn0.' + 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  pem: '-----BEGIN RSA ' + 'PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY-----\n',
  /** base64 of "-----BEGIN RSA PRIVATE KEY-----\nMIIE", as kubeconfig's client-key-data holds it. */
  pemBase64: Buffer.from('-----BEGIN RSA ' + 'PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n').toString('base64'),
  hex32: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  random24: 'Xk9mQ2vL7pR4tW8zB3nF6hJ1',
};

describe('secret-detector', () => {
  describe('detectSecret(name, value)', () => {
    // [name, value, expected kind or undefined]
    const cases: [string, string, string | undefined][] = [
      // Credential names with literal values: chosen secrets count whatever they are.
      ['password', 'abc123', 'password'],
      ['my_password', 'abc123', 'password'],
      ['MYSQL_ROOT_PASSWORD', 'migration', 'password'],
      // A password setting holds the password itself, even when it reads like an object name.
      ['DB_PASSWORD', 'fake-password', 'password'],
      ['PASSWORD', 'db-secret', 'password'],
      // Other credential names holding an object name refer to the Secret instead.
      ['HF_TOKEN', 'hf-token', undefined],
      ['API_KEY', 'api-key-secret', undefined],
      ['POSTGRES_PASSWORD', 'changeme', 'password'],
      ['TRUSTSTORE_PASSWORD', 'changeit', 'password'],
      ['PGPASSWORD', 'hunter22', 'password'],
      ['DB_PASS', 'p@ssw0rd!', 'password'],
      ['dbPassword', 's3cr3t-pw', 'password'],
      ['GPG_PASSPHRASE', 'correct-horse', 'password'],
      ['REDIS_PWD', 'letmein1', 'password'],
      ['ADMIN_PASSWORD', '123456', 'password'],
      ['SECRET_BLAH', 'secretsquirrels', 'secret'],
      ['JWT_SECRET', 'mysecret', 'secret'],
      ['SECRET_KEY', 'django-insecure-abc123', 'secret'],
      ['SECRET_KEY_BASE', 'd1f0e2c9b8a7', 'secret'],
      ['CLIENT_SECRET', 'abcd1234', 'secret'],
      ['oauth2ClientSecret', 'abcd1234', 'secret'],
      // Machine-issued credentials: the value must look random.
      ['API_KEY', FAKE.hex32, 'API key'],
      ['apiKey', FAKE.random24, 'API key'],
      ['NGC_API_KEY', FAKE.random24, 'API key'],
      ['HF_TOKEN', FAKE.random24, 'token'],
      ['GITLAB_AUTH_TOKEN', FAKE.random24, 'token'],
      ['AZURE_BATCH_KEY', FAKE.random24, 'key'],
      ['OCI_CLI_KEY_CONTENT', FAKE.random24, 'key'],
      ['ENCRYPTION_KEY', FAKE.hex32, 'key'],
      ['AWS_SESSION_TOKEN', '550e8400-e29b-41d4-a716-446655440000', 'token'],
      ['BASIC_AUTH', 'admin:s3cret', 'credential'],
      ['AUTHORIZATION', 'Bearer ' + FAKE.random24, 'credential'],
      ['DOCKER_AUTH', Buffer.from('robot:' + FAKE.random24).toString('base64'), 'credential'],
      // Patterns: secrets whatever the name.
      ['the_good_stuff', '---BEGIN OPENSSH PRIVATE KEY---\nxxxxx\n---END  OPENSSH PRIVATE KEY---\n', 'private key'],
      ['SSH_KEY', FAKE.pem, 'private key'],
      ['KUBE_CLIENT_KEY', FAKE.pemBase64, 'private key'],
      ['GCP_SA', `{"type":"service_account","private_key":"${FAKE.pem.replace(/\n/g, '\\n')}"}`, 'private key'],
      ['X', FAKE.aws, 'AWS access key id'],
      ['GH', FAKE.github, 'GitHub token'],
      ['GH', FAKE.githubPat, 'GitHub token'],
      ['GL', FAKE.gitlab, 'GitLab token'],
      ['SLACK', FAKE.slack, 'Slack token'],
      ['ALERT_URL', FAKE.slackWebhook, 'Slack webhook URL'],
      ['MAPS', FAKE.google, 'Google API key'],
      ['PAY', FAKE.stripe, 'Stripe key'],
      ['HUB', FAKE.huggingFace, 'Hugging Face token'],
      ['SESSION', FAKE.jwt, 'JSON Web Token'],
      ['DATABASE_URL', 'postgres://app:hunter22@db:5432/app', 'URL with a password'],
      ['REDIS_URL', 'redis://:Sup3rS3cret@redis:6379/0', 'URL with a password'],
      ['USERS', 'admin:$apr1$8pqm0hRK$0ZkdXk1wY2BuC8bU1nUeY/', 'password hash'],

      // Not secrets: names about the secret rather than the secret.
      ['TOKEN_PATH', '/var/run/secrets/kubernetes.io/serviceaccount/token', undefined],
      ['SECRET_NAME', 'my-secret', undefined],
      ['PASSWORD_FILE', '/run/secrets/db-password', undefined],
      ['DB_SECRET_REF', 'db-credentials', undefined],
      ['SECRET_KEY_REF', 'app-secret', undefined],
      ['AWS_ACCESS_KEY_ID', 'ABCDEFGHIJ0123456789', undefined],
      ['KEY_ID', '1a2b3c4d5e6f7a8b9c0d', undefined],
      ['SECRET_ID', 'bq-readonly-key', undefined],
      ['SECRET_VERSION', 'latest', undefined],
      ['TOKEN_TTL', '3600', undefined],
      ['TOKEN_ENDPOINT', 'https://auth.example.com/oauth/token', undefined],
      ['API_KEY_HEADER', 'X-Api-Key', undefined],
      ['AUTH_TYPE', 'basic', undefined],
      ['AUTH_STRATEGY', 'jwt', undefined],
      ['POSTGRES_HOST_AUTH_METHOD', 'trust', undefined],
      ['PASSWORD_MIN_LENGTH', '12', undefined],
      ['password_encryption', 'scram-sha-256', undefined],
      ['DB_PASSWORD_KEY', 'password', undefined],
      ['MYSQL_ALLOW_EMPTY_PASSWORD', '1', undefined],
      ['MYSQL_RANDOM_ROOT_PASSWORD', 'yes', undefined],
      ['MAX_TOTAL_TOKENS', '2048', undefined],
      ['MAX_NEW_TOKENS', '512', undefined],
      ['TLS_KEY', '/etc/tls/tls.key', undefined],
      ['TLS_RELAY_CLIENT_KEY_FILE', '/var/lib/hubble-ui/certs/client.key', undefined],
      ['GOOGLE_APPLICATION_CREDENTIALS', '/var/secrets/google/key.json', undefined],
      ['SSH_AUTH_SOCK', '/tmp/ssh-agent.sock', undefined],
      ['PUBLIC_KEY', FAKE.random24, undefined],
      ['STRIPE_PUBLISHABLE_KEY', 'pk_live_' + FAKE.random24, undefined],
      ['SORT_KEY', 'createdAt', undefined],
      ['CACHE_KEY_PREFIX', 'app:v1', undefined],
      ['SENTINEL_ID_0', '3c0d9c0320bb34888c2df5757c718ce6ca992ce6', undefined],
      ['COMMIT_SHA', '3c0d9c0320bb34888c2df5757c718ce6ca992ce6', undefined],
      ['PASS_THROUGH', 'headers', undefined],
      ['PW_BROWSER', 'chromium', undefined],
      ['PWD', '/app', undefined],
      ['RABBITMQ_DEFAULT_PASS', 'guest', 'password'],
      ['PW', 'Zx9-pL2q', 'password'],
      ['KEYCLOAK_URL', 'http://keycloak:8080', undefined],
      ['TOKENIZER', 'google/gemma-2b', undefined],
      // Not secrets: values that cannot be one.
      ['PASSWORD', '', undefined],
      ['PASSWORD', '   ', undefined],
      ['PASSWORD', 'true', undefined],
      ['PASSWORD', 'none', undefined],
      ['PASSWORD', 'null', undefined],
      ['PASSWORD', '$(DB_PASSWORD)', undefined],
      ['PASSWORD', '${DB_PASSWORD}', undefined],
      ['PASSWORD', '$DB_PASSWORD', undefined],
      ['PASSWORD', '{{ .Values.password }}', undefined],
      ['PASSWORD', '/var/run/secrets/db/password', undefined],
      ['PASSWORD', 'file:///run/secrets/pw', undefined],
      ['PASSWORD', 'xxx', undefined],
      ['PASSWORD', '********', undefined],
      ['PASSWORD', '<your-password>', undefined],
      ['PASSWORD', 'REPLACE_ME', undefined],
      ['REDIS_PASSWORD', 'replace-default-auth', undefined],
      ['PASSWORD', 'your-password-here', undefined],
      ['PASSWORD', 'PASSWORD', undefined],
      ['PASSWORD', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db', undefined],
      ['PASSWORD', 'vault:secret/data/db#password', undefined],
      ['PASSWORD', 'abc', undefined],
      ['PASSWORD', 'two words', undefined],
      ['PASSWORD', '42', undefined],
      ['PASSWORD', '0.5', undefined],
      ['PASSWORD', '30s', undefined],
      ['AWS_SECRET_ACCESS_KEY', 'xxx', undefined],
      ['AWS_SECRET_ACCESS_KEY', 'xxxxx', undefined],
      ['HF_TOKEN', '<your-token>', undefined],
      ['HF_TOKEN', 'HF_TOKEN', undefined],
      ['NGC_API_KEY', 'nvapi-NVKEY', undefined],
      ['API_TOKEN', 'changeme', undefined],
      ['API_KEY', 'YOUR_API_KEY', undefined],
      ['API_KEY', 'gemma-2b-sql-finetuned-v2', undefined],
      ['AUTH', 'redis:6379', undefined],
      ['AUTH_TOKEN', 'MyServiceAccountName', undefined],
      ['DATABASE_URL', 'postgres://app:${DB_PASSWORD}@db:5432/app', undefined],
      ['DATABASE_URL', 'mongodb://user:<password>@db:27017', undefined],
      ['DATABASE_URL', 'postgres://user:password@localhost/db', undefined],
      ['DATABASE_URL', 'postgres://db:5432/app', undefined],
      ['X', FAKE.awsExample, undefined],
      ['GREETING', 'hello', undefined],
      ['SENTRY', FAKE.random24, undefined],
      ['SYSTEM_PROMPT', '<start_of_turn>model\nprompt<end_of_turn>\n', undefined],
    ];
    for (const [name, value, expected] of cases) {
      it(`${name}=${JSON.stringify(value).slice(0, 50)} → ${expected ?? 'not a secret'}`, () => {
        assert.equal(detectSecret(name, value)?.kind, expected);
      });
    }

    it('says how a secret was found', () => {
      assert.equal(detectSecret('DB_PASSWORD', 'abc123')?.by, 'name');
      assert.equal(detectSecret('DB_PASSWORD', FAKE.jwt)?.by, 'pattern');
    });
  });

  describe('classifySecretName', () => {
    const cases: [string, string | undefined, ('chosen' | 'generated')?][] = [
      ['DB_PASSWORD', 'password', 'chosen'],
      ['passwd', 'password', 'chosen'],
      ['CLIENT_SECRET', 'secret', 'chosen'],
      ['AWS_SECRET_ACCESS_KEY', 'secret', 'chosen'],
      ['GITHUB_TOKEN', 'token', 'generated'],
      ['accessToken', 'token', 'generated'],
      ['X-Api-Key', 'API key', 'generated'],
      ['APIKEY', 'API key', 'generated'],
      ['MINIO_ACCESS_KEY', 'access key', 'generated'],
      ['SSH_PRIVATE_KEY', 'private key', 'generated'],
      ['DOCKER_CREDENTIALS', 'credential', 'generated'],
      ['AZURE_STORAGE_ACCOUNT_KEY', 'key', 'generated'],
      ['KEY', 'key', 'generated'],
      ['spring.datasource.password', 'password', 'chosen'],
      ['TOKEN_FILE', undefined],
      ['SECRETS_DIR', undefined],
      ['KEY_NAME', undefined],
      ['KEY_VAULT_NAME', undefined],
      ['PUBLIC_KEY', undefined],
      ['AUTH_ENABLED', undefined],
      ['AUTHOR', undefined],
      ['AUTH0_DOMAIN', undefined],
      ['BYPASS_PROXY', undefined],
      ['PASSENGER_APP_ENV', undefined],
      ['MONKEY', undefined],
      ['TOKENIZERS_PARALLELISM', undefined],
      ['MAX_TOKENS', undefined],
      ['ENABLE_AUTH', undefined],
    ];
    for (const [name, kind, origin] of cases) {
      it(`${name} → ${kind ?? 'not a credential name'}`, () => {
        const cls = classifySecretName(name);
        assert.equal(cls?.kind, kind);
        if (origin) assert.equal(cls?.origin, origin);
      });
    }
    it('splits names into words', () => {
      assert.deepEqual(nameWords('oauth2ClientSecret'), ['oauth2', 'client', 'secret']);
      assert.deepEqual(nameWords('AWS_SECRET_ACCESS_KEY'), ['aws', 'secret', 'access', 'key']);
      assert.deepEqual(nameWords('HTTPServerAPIKey'), ['http', 'server', 'api', 'key']);
      assert.deepEqual(nameWords('db.password'), ['db', 'password']);
    });
  });

  describe('detectSecretsInText', () => {
    const cases: { name: string; text: string; expected: { kind: string; field?: string; line: number }[] }[] = [
      { name: 'properties file', text: 'db.url=jdbc:postgresql://db/app\ndb.user=app\ndb.password=Tr0ub4dor\n', expected: [{ kind: 'password', field: 'db.password', line: 3 }] },
      { name: 'YAML config', text: 'database:\n  host: db\n  password: "hunter22" # prod\n  passwordFile: /run/pw\n', expected: [{ kind: 'password', field: 'password', line: 3 }] },
      { name: 'JSON config', text: '{\n  "user": "app",\n  "token": "' + FAKE.random24 + '",\n  "tokenPath": "/t"\n}', expected: [{ kind: 'token', field: 'token', line: 3 }] },
      { name: 'one-line JSON', text: `{"auths":{"registry.example.com":{"username":"robot","password":"Zx9-pL2q"}}}`, expected: [{ kind: 'password', field: 'password', line: 1 }] },
      { name: 'dotenv with export', text: 'export API_KEY=' + FAKE.hex32 + '\nexport DEBUG=1\n', expected: [{ kind: 'API key', field: 'API_KEY', line: 1 }] },
      { name: 'ADO connection string', text: 'Server=db;Database=app;User Id=sa;Password=Str0ngPass;', expected: [{ kind: 'password', field: 'Password', line: 1 }] },
      { name: 'libpq connection string', text: 'host=db user=app password=s3cretpw sslmode=require', expected: [{ kind: 'password', field: 'password', line: 1 }] },
      { name: 'java system property', text: '-Xmx1g -Dspring.datasource.password=s3cr3tpw', expected: [{ kind: 'password', field: 'spring.datasource.password', line: 1 }] },
      { name: 'token in a URL query', text: 'url: https://api.example.com/v1?access_token=' + FAKE.random24, expected: [{ kind: 'token', field: 'access_token', line: 1 }] },
      { name: 'XML element', text: '<datasource>\n  <password>Zx9-pL2q</password>\n</datasource>', expected: [{ kind: 'password', field: 'password', line: 2 }] },
      { name: 'redis.conf directive', text: 'port 6379\nrequirepass Zx9pL2qW\n', expected: [{ kind: 'password', field: 'requirepass', line: 2 }] },
      { name: 'PEM block without a setting', text: 'a: 1\n' + FAKE.pem, expected: [{ kind: 'private key', line: 2 }] },
      { name: 'pattern on a setting line names the setting', text: `aws:\n  key: ${FAKE.aws}\n`, expected: [{ kind: 'AWS access key id', field: 'key', line: 2 }] },
      { name: 'kubeconfig client-key-data', text: `users:\n- name: admin\n  user:\n    client-key-data: ${FAKE.pemBase64}\n`, expected: [{ kind: 'private key', field: 'client-key-data', line: 4 }] },
      { name: '.npmrc registry credentials (the //host/:key form)', text: 'registry=https://registry.npmjs.org/\n//npm.example.com/repo/:_authToken=' + FAKE.random24 + '\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n', expected: [{ kind: 'token', field: '_authToken', line: 2 }] },
      { name: 'htpasswd file', text: 'alice:$2y$05$abcdefghijklmnopqrstuuOPQRSTUVWXYZ0123456789abcdefghi\n', expected: [{ kind: 'password hash', line: 1 }] },
      { name: 'references and files are not secrets', text: 'password: ${DB_PASSWORD}\npassword_file: /run/pw\nbearer_token_file: /var/run/secrets/token\nauth: true\ntoken: ""\n', expected: [] },
      { name: 'nsswitch passwd database', text: 'passwd:         files\ngroup:          files\nshadow:         files\n', expected: [] },
      { name: 'shell script using a variable', text: 'AUTH="${AUTH}"\nif [ -n "$AUTH" ]; then\n  redis-cli -a "$AUTH" ping\nfi\nPASSWORD=$1\n', expected: [] },
      { name: 'placeholder in JAAS config', text: 'sasl.jaas.config=PlainLoginModule required username="my-user" password="REPLACEME";', expected: [] },
      { name: 'prose mentioning passwords', text: '# Set the password with --password. The token is read from a file.\n', expected: [] },
      { name: 'multiple hits in line order', text: `token: ${FAKE.random24}\nx: 1\npassword: Zx9-pL2q\n`, expected: [{ kind: 'token', field: 'token', line: 1 }, { kind: 'password', field: 'password', line: 3 }] },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const hits = detectSecretsInText(c.text).map((h) => ({ kind: h.kind, line: h.line, ...(h.field !== undefined ? { field: h.field } : {}) }));
        assert.deepEqual(hits, c.expected);
      });
    }

    it('never returns the secret', () => {
      const text = `password: Zx9-pL2q\nkey: ${FAKE.aws}\n`;
      const serialised = JSON.stringify(detectSecretsInText(text));
      assert.ok(!serialised.includes('Zx9-pL2q') && !serialised.includes(FAKE.aws), serialised);
    });
  });

  describe('building blocks', () => {
    it('detectPattern ignores ordinary text', () => {
      for (const v of ['hello world', 'ssh-rsa AAAAB3NzaC1yc2E user@host', 'eyJ not a jwt', 'https://example.com/a:b@c', 'sk-short']) {
        assert.equal(detectPattern(v), undefined, v);
      }
    });

    it('looksRandom separates tokens from identifiers', () => {
      for (const v of [FAKE.hex32, FAKE.random24, '550e8400-e29b-41d4-a716-446655440000', 'k3Jd9sl2Qp0xVz7m']) assert.equal(looksRandom(v), true, v);
      for (const v of ['short1A', 'gemma-2b-sql-finetuned', 'MyServiceAccountName', 'aaaaaaaaaaaaaaaaaaaa', 'abcdefghijklmnopqrstuvwxyz', 'with space 1234567890', '/var/run/secrets/x1']) {
        assert.equal(looksRandom(v), false, v);
      }
    });

    it('shannonEntropy', () => {
      assert.equal(shannonEntropy(''), 0);
      assert.equal(shannonEntropy('aaaa'), 0);
      assert.equal(shannonEntropy('abcd'), 2);
    });

    it('isPlaceholder', () => {
      for (const v of ['', 'xxx', 'XXXXXXXX', '****', '<token>', 'your-api-key', 'YOUR_PROJECT_ID', 'replace-me', 'TODO', 'redacted', 'AKIA************']) assert.equal(isPlaceholder(v), true, v);
      for (const v of ['changeme', 'hunter2', 'secretsquirrels', FAKE.random24]) assert.equal(isPlaceholder(v), false, v);
      assert.equal(isPlaceholder('hf-token', 'HF_TOKEN'), true);
    });

    it('isPublicKeyMaterial', () => {
      const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
      assert.equal(isPublicKeyMaterial(cert), true);
      assert.equal(isPublicKeyMaterial(cert + cert), true);
      assert.equal(isPublicKeyMaterial('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH user@host'), true);
      assert.equal(isPublicKeyMaterial(cert + FAKE.pem), false);
      assert.equal(isPublicKeyMaterial('hunter2'), false);
    });

    it('decodeBase64 returns text only', () => {
      assert.equal(decodeBase64('UGFzc3dvcmQkMTIzNDU2'), 'Password$123456');
      assert.equal(decodeBase64(Buffer.from([0, 1, 2, 255]).toString('base64')), undefined);
      assert.equal(decodeBase64('not base64!'), undefined);
    });

    it('settingsInLine', () => {
      assert.deepEqual(settingsInLine('  - "password": "a b", # c'), [['password', 'a b']]);
      assert.ok(settingsInLine('user=app password=x1 sslmode=require').some(([k, v]) => k === 'password' && v === 'x1'));
      assert.deepEqual(settingsInLine('<password>pw1</password>'), [['password', 'pw1']]);
    });
  });
});
