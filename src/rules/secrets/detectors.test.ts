import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  credentialKeyKind,
  decodeSecretData,
  detectCredential,
  embeddedCredential,
  encryptionOf,
  isFilePath,
  isPlaceholder,
  isPublicMaterial,
  isPublicSecretKey,
  isReference,
  isTrustStoreKey,
  looksLikeSecretValue,
  shannonEntropy,
  type CredentialKind,
  type DetectorId,
} from './detectors.js';
import { b64, FAKE } from './fixtures.js';

describe('high-confidence credential patterns', () => {
  const truePositives: [string, string, DetectorId][] = [
    ['PEM private key', FAKE.privateKey, 'private-key'],
    [
      'PEM private key inside a GCP service-account JSON (\\n escapes)',
      JSON.stringify({ private_key: FAKE.privateKey }),
      'private-key',
    ],
    ['AWS access key id', FAKE.awsKeyId, 'aws-access-key-id'],
    ['AWS temporary key id inside an INI file', `[default]\naws_access_key_id = ${FAKE.awsTempKeyId}\n`, 'aws-access-key-id'],
    ['GitHub classic token', FAKE.github, 'github-token'],
    ['GitHub fine-grained token', FAKE.githubFine, 'github-token'],
    ['GitLab token', FAKE.gitlab, 'gitlab-token'],
    ['Stripe live key', FAKE.stripe, 'stripe-key'],
    ['Slack bot token', FAKE.slack, 'slack-token'],
    ['Slack webhook', FAKE.slackWebhook, 'slack-webhook'],
    ['JWT (header has alg)', `Bearer ${FAKE.jwt}`, 'jwt'],
    ['Google API key', FAKE.google, 'google-api-key'],
    ['Azure storage connection string', FAKE.azureStorage, 'azure-account-key'],
    ['Azure Service Bus connection string', FAKE.azureServiceBus, 'azure-account-key'],
    ['URL with user:password@', FAKE.dbUrl, 'url-password'],
    ['base64 of a PEM private key (kubeconfig client-key-data)', `client-key-data: ${b64(FAKE.privateKey)}`, 'private-key'],
    ['URL with empty user and a password', 'redis://:' + 'Zr8-q2Lm' + '@redis:6379/0', 'url-password'],
  ];
  for (const [name, text, id] of truePositives) {
    it(`finds ${name}`, () => assert.equal(detectCredential(text)?.id, id));
  }

  it('an AWS access key id is the identifier half of a pair; the rest grant access alone', () => {
    assert.equal(detectCredential(FAKE.awsKeyId)?.kind, 'identifier');
    assert.equal(detectCredential(FAKE.github)?.kind, 'secret');
  });

  const falsePositives: [string, string][] = [
    ['the AWS documentation example key', 'AKIAIOSFODNN7EXAMPLE'],
    ['an AWS-looking id one character short', FAKE.awsKeyId.slice(0, -1)],
    ['an AWS-looking id inside a longer word', `X${FAKE.awsKeyId}`],
    ['a GitHub prefix with a short body', 'ghp_abc123'],
    ['a PEM certificate', FAKE.certificate],
    ['a private key placeholder without key material', '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----'],
    ['a three-part string whose header is not JSON', 'eyJub3Rqc29uIGF0IGFsbA.eyJzdWIiOiJ4In0.c2ln'],
    [
      'a JWT-shaped string whose header has no "alg"',
      `${Buffer.from('{"typ":"JWT"}').toString('base64url')}.eyJzdWIiOiJ4In0.c2ln`,
    ],
    ['a URL whose password is a variable', 'postgres://app:${DB_PASSWORD}@db:5432/shop'],
    ['a URL whose password is a Kubernetes $(VAR)', 'amqp://app:$(RABBIT_PASSWORD)@rabbit:5672'],
    ['a URL whose password is a placeholder word', 'postgres://app:password@db/shop'],
    ['a URL with a user and no password', 'https://git@github.com/org/repo'],
    ['a URL with a port', 'https://registry.internal:5000/v2/'],
    ['a URL with example.com', 'postgres://app:S3cret99@db.example.com/shop'],
    [
      'an Azure connection string with a placeholder key',
      'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=<your-account-key>;',
    ],
    ['a Slack token placeholder', 'xoxb-your-bot-token'],
    ['a Sentry DSN (public key, no password)', 'https://0123456789abcdef0123456789abcdef@o12345.ingest.sentry.io/678'],
    ['ordinary config', 'log_level: debug\nworkers: 4\n'],
  ];
  for (const [name, text] of falsePositives) {
    it(`does not flag ${name}`, () => assert.equal(detectCredential(text), undefined));
  }
});

describe('key names that look like credentials', () => {
  const credentials: [string, CredentialKind][] = [
    ['DB_PASSWORD', 'password'],
    ['POSTGRES_PASSWORD', 'password'],
    ['PGPASSWORD', 'password'],
    ['REDIS_PASS', 'password'],
    ['ssh-passphrase', 'password'],
    ['apiKey', 'secret'],
    ['API_KEY', 'secret'],
    ['x-api-key', 'secret'],
    ['AWS_SECRET_ACCESS_KEY', 'secret'],
    ['GITHUB_TOKEN', 'secret'],
    ['client_secret', 'secret'],
    ['SECRET_KEY_BASE', 'secret'],
    ['AIRFLOW__CORE__FERNET_KEY', 'secret'],
    ['PRIVATE_KEY', 'secret'],
    ['accessKey', 'secret'],
    ['azurestorageaccountkey', 'secret'],
    ['credentials.json', 'secret'],
    ['VAULT_SECRET_ID', 'secret'],
    ['ConnectionStrings__Default', 'connection'],
    ['DATABASE_DSN', 'connection'],
    ['SENTRY_DSN', 'connection'],
    ['STORAGE_CONNECTION_STRING', 'connection'],
  ];
  for (const [name, kind] of credentials) it(`${name} -> ${kind}`, () => assert.equal(credentialKeyKind(name), kind));

  const others = [
    'DB_PASSWORD_FILE',
    'TOKEN_URL',
    'SECRET_NAME',
    'PASSWORD_MIN_LENGTH',
    'API_KEY_HEADER',
    'TOKEN_TTL',
    'AWS_ACCESS_KEY_ID',
    'SECRETS_DIR',
    'PASSWORD_RESET_ENABLED',
    'TOKEN_KEY',
    'CACHE_KEY',
    'SORT_KEY',
    'HOSTNAME',
    'PATH',
    'password-policy.json',
    'secret-config.yaml',
    'tokenizer',
    'DB_USER',
    'PASSWORD_ENCODER',
    'SECRETS_PROVIDER',
  ];
  for (const name of others) it(`${name} is not a credential name`, () => assert.equal(credentialKeyKind(name), undefined));
});

describe('values under credential-looking names (entropy and placeholders)', () => {
  const notReported: [CredentialKind, string, string][] = [
    ['password', 'changeme', 'placeholder'],
    ['password', 'changeit', 'placeholder'],
    ['password', 'CHANGE_ME', 'placeholder'],
    ['password', '${DB_PASSWORD}', 'placeholder'],
    ['password', '$(DB_PASSWORD)', 'placeholder'],
    ['password', '{{ .Values.db.password }}', 'placeholder'],
    ['password', '<REPLACE_ME>', 'placeholder'],
    ['password', '#{DbPassword}#', 'placeholder'],
    ['password', '__DB_PASSWORD__', 'placeholder'],
    ['secret', 'your-api-key-here', 'placeholder'],
    ['secret', 'YOUR_SECRET_KEY', 'placeholder'],
    ['password', '', 'placeholder'],
    ['password', '********', 'placeholder'],
    ['password', 'xxxxxxxx', 'placeholder'],
    ['secret', 'ENC[AES256_GCM,data:Tr7o=,iv:1=,tag:2=,type:str]', 'encrypted'],
    ['secret', 'ENC[v1,bm9uY2U=,Y2lwaGVy,dGFn]', 'encrypted'],
    ['password', 'true', 'inert'],
    ['password', '12345678', 'inert'],
    ['secret', '30s', 'inert'],
    ['secret', '2026-03-10T03:22:11Z', 'inert'],
    ['secret', '/var/run/secrets/kubernetes.io/serviceaccount/token', 'inert'],
    ['secret', './creds/api.key', 'inert'],
    ['secret', 'vault:secret/data/shop#token', 'reference'],
    ['secret', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db-AbCdEf', 'reference'],
    ['secret', '@Microsoft.KeyVault(SecretUri=https://shop.vault.azure.net/secrets/db/)', 'reference'],
    ['secret', 'ref+vault://secret/shop#/token', 'reference'],
    ['secret', 'projects/shop/secrets/db/versions/latest', 'reference'],
    ['secret', 'https://vault.internal:8200', 'url'],
    ['password', 'Your password must contain at least eight characters', 'prose'],
    ['secret', 'db-credentials', 'identifier'],
    ['password', 'admin', 'weak'],
    ['password', 'bcrypt', 'word'],
    ['password', 'rootpassword', 'word'],
    ['password', 'Ab1!', 'weak'],
    ['password', 'abababab', 'weak'],
    ['connection', 'https://0123456789abcdef@o1.ingest.sentry.io/2', 'no-embedded-secret'],
    ['connection', 'Server=db;Database=shop;User Id=app;Password=${DB_PASSWORD};', 'placeholder'],
  ];
  for (const [kind, value, reason] of notReported) {
    it(`${kind} ${JSON.stringify(value)} is not reported (${reason})`, () =>
      assert.deepEqual(looksLikeSecretValue(kind, value), { report: false, reason }));
  }

  const reported: [CredentialKind, string][] = [
    ['password', 'hunter22'],
    ['password', 'Summer2024!'],
    ['password', 'correct-horse-battery-staple'],
    ['password', 'mysecretpassword'],
    ['password', 'minio123'],
    ['secret', '9f8e7d6c5b4a39281706f5e4d3c2b1a0'],
    ['secret', FAKE.awsSecretKey],
    ['secret', 'django-insecure-7x!k2#q9$m1@p0z&w8'],
    ['connection', 'Server=db;Database=shop;User Id=app;Password=Str0ng!Pass;'],
    ['connection', 'mysql://shop:Xk29-fLq@mysql:3306/shop'],
  ];
  for (const [kind, value] of reported) {
    it(`${kind} ${JSON.stringify(value.slice(0, 40))} is reported`, () =>
      assert.deepEqual(looksLikeSecretValue(kind, value), { report: true }));
  }

  it('Shannon entropy in bits per character', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('ab'), 1);
    assert.equal(shannonEntropy('abcd'), 2);
    assert.ok(shannonEntropy('hunter22') > 2 && shannonEntropy('hunter22') < 3);
  });
});

describe('credentials inside configuration files', () => {
  const cases: [string, string, string | undefined][] = [
    ['YAML', 'db:\n  host: postgres\n  password: Sh0p-db-2024\n', 'password'],
    ['INI with a comment', '[auth]\nsecret_key = 9f8e7d6c5b4a3928 ; rotated monthly\n', 'secret_key'],
    ['properties', 'spring.datasource.password=Sh0p-db-2024\nserver.port=8080', 'spring.datasource.password'],
    ['dotenv with export', 'export API_TOKEN="q8Zr2-Lm4v-Xt9w"\nDEBUG=1', 'API_TOKEN'],
    ['JSON', '{\n  "clientSecret": "Zx9-Yw8-Vu7-T6",\n  "timeout": 30\n}', 'clientSecret'],
    ['YAML list item', 'users:\n- name: ci\n  token: q8Zr2-Lm4v-Xt9w\n', 'token'],
    ['templated and file settings only', 'password: ${DB_PASSWORD}\npassword_file: /run/secrets/db\ntoken: changeme', undefined],
    ['block scalar and nested values', 'password: |\n  indented\ncredentials:\n  user: x', undefined],
    ['no credential settings', 'log_level: debug\nworkers: 4\nurl: https://api.shop.io', undefined],
  ];
  for (const [name, text, key] of cases) it(`${name} -> ${key ?? 'none'}`, () => assert.equal(embeddedCredential(text), key));
});

describe('what is not secret material', () => {
  it('placeholders, encrypted values and references', () => {
    for (const v of ['${X}', '{{ .Values.x }}', '<your-token>', 'TOKEN_HERE', 'dummy-token', 'example', '  '])
      assert.ok(isPlaceholder(v), v);
    for (const v of ['hunter22', FAKE.github, 'my-app']) assert.ok(!isPlaceholder(v), v);
    assert.ok(!isPlaceholder('# example config\npassword=Qz8-Lm2x\n'), 'placeholder words do not apply to whole files');
    assert.equal(encryptionOf('ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]'), 'SOPS');
    assert.equal(encryptionOf('ENC[v1,abc,def,ghi]'), 'Palisade');
    assert.equal(encryptionOf('ENC(abc)'), undefined);
    assert.ok(isReference('secret-name@azurekeyvault'));
    assert.ok(!isReference('vault is great'));
  });

  it('file paths, but not base64 that starts with a slash', () => {
    assert.ok(isFilePath('/etc/ssl/certs/ca.pem'));
    assert.ok(isFilePath('~/.aws/credentials'));
    assert.ok(isFilePath('C:\\secrets\\db.txt'));
    assert.ok(!isFilePath('/Xk9mP2vLq8RtZ3wY7nB4'));
  });

  it('public material: certificates, public keys, SSH public keys, known_hosts', () => {
    assert.ok(isPublicMaterial(FAKE.certificate));
    assert.ok(isPublicMaterial(`# Shop CA\n${FAKE.certificate}\n${FAKE.certificate}\n`));
    assert.ok(isPublicMaterial(FAKE.sshPublicKey));
    assert.ok(isPublicMaterial(`github.com ${FAKE.sshPublicKey.split(' ').slice(0, 2).join(' ')}`));
    assert.ok(!isPublicMaterial(`${FAKE.certificate}\n${FAKE.privateKey}`), 'a bundle with a private key');
    assert.ok(!isPublicMaterial('hunter22'));
  });

  it('Secret data decodes as the API server decodes it', () => {
    assert.deepEqual(decodeSecretData(b64('hello')), { kind: 'text', text: 'hello' });
    assert.deepEqual(decodeSecretData('aGVs\nbG8='), { kind: 'text', text: 'hello' });
    assert.deepEqual(decodeSecretData('/w=='), { kind: 'binary', bytes: 1 });
    assert.deepEqual(decodeSecretData('not base64!'), { kind: 'invalid' });
  });

  it('public Secret keys and trust stores', () => {
    for (const k of [
      'username',
      'DB_USER',
      'host',
      'port',
      'database',
      'namespace',
      'token-id',
      'client-id',
      'azurestorageaccountname',
    ])
      assert.ok(isPublicSecretKey(k), k);
    for (const k of ['password', 'token', 'secret-id', 'azurestorageaccountkey', 'tls.key', 'server.key', 'config.yaml'])
      assert.ok(!isPublicSecretKey(k), k);
    for (const k of ['ca.crt', 'truststore.jks', 'cacerts', 'ca-bundle.pem']) assert.ok(isTrustStoreKey(k), k);
    for (const k of ['keystore.p12', 'tls.key', 'cache']) assert.ok(!isTrustStoreKey(k), k);
  });
});
