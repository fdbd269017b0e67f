/**
 * Fake credentials for the secrets rules' tests, assembled at runtime so that the repository holds
 * no string a secret scanner (GitHub push protection, gitleaks) would take for a live credential.
 * None of them was ever valid.
 */
const repeat = (s: string, n: number) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export const FAKE = {
  awsKeyId: 'AK' + 'IA' + 'Q3EGRTM4ZXPL7HVN',
  awsTempKeyId: 'AS' + 'IA' + 'Q3EGRTM4ZXPL7HVN',
  awsSecretKey: repeat('k7Qz9Wm2Rp4Tx8Vn', 40),
  github: 'gh' + 'p_' + repeat('a1B2c3D4e5F6g7H8i9J0', 36),
  githubFine: 'github' + '_pat_' + repeat('11ABCDEFG0', 22) + '_' + repeat('xY7zW3vU9tS1rQ5p', 59),
  gitlab: 'gl' + 'pat-' + repeat('Zx9Yw8Vu7T', 20),
  slack: 'xo' + 'xb-' + '123456789012-1234567890123-' + repeat('AbCdEfGhIjKl', 24),
  slackWebhook: 'https://hooks.slack.com/services/' + 'T0123ABCD/B0456EFGH/' + repeat('q1W2e3R4t5Y6', 24),
  stripe: 'sk' + '_live_' + repeat('4eC39HqLyjWDarjtT1zdp7dc', 24),
  google: 'AI' + 'za' + repeat('SyA1b2C3d4E5f6G7h8I9j0K', 35),
  jwt: `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'build-bot', iat: 1700000000 })}.${repeat('sIgNaTuRe_-9', 43)}`,
  azureStorage:
    'DefaultEndpointsProtocol=https;AccountName=shopdata;AccountKey=' +
    repeat('Zm9vYmFyYmF6cXV4', 86) +
    '==;EndpointSuffix=core.windows.net',
  azureServiceBus:
    'Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=' +
    repeat('c2VjcmV0a2V5MTIz', 43) +
    '=',
  dbUrl: 'postgres://app:' + 'Qm9-t7Lx2' + '@db.internal:5432/shop',
  privateKey: [
    '-----BEGIN ' + 'RSA PRIVATE' + ' KEY-----',
    ...Array(5).fill(repeat('MIIEowIBAAKCAQEAx7', 64)),
    '-----END ' + 'RSA PRIVATE' + ' KEY-----',
  ].join('\n'),
  certificate: [
    '-----BEGIN CERTIFICATE-----',
    ...Array(5).fill(repeat('MIIDdzCCAl+gAwIBAgIE', 64)),
    '-----END CERTIFICATE-----',
  ].join('\n'),
  sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHx0bdGV8kQZ5S0wZc2xhbmRlc3Q0a2V5ZGF0YQ deploy@ci',
};

/** Standard base64, as Secret `data` holds values. */
export const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Indents a multi-line value for a YAML block scalar at `spaces`. */
export const indent = (s: string, spaces: number) => s.replace(/\n/g, `\n${' '.repeat(spaces)}`);
