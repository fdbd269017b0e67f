/**
 * A private CA and a serving certificate for the webhook Service (`palisade webhook certs`).
 *
 * Keys come from node:crypto (native, fast); node:crypto cannot issue X.509 certificates, so
 * node-forge (no dependencies of its own) builds and signs them. Imported only by the certs
 * command and tests, never by `serve`.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface CertOptions {
  service: string;
  namespace: string;
  /** Validity of the serving certificate; the CA lives ten times longer. */
  days?: number;
  /** Fixed "now" (tests of expiry); defaults to the clock. */
  now?: Date;
}

export interface CertBundle {
  caCert: string;
  caKey: string;
  tlsCert: string;
  tlsKey: string;
  /** The serving certificate's DNS names. */
  dnsNames: string[];
}

/** The names the API server (and in-cluster clients) may use for the Service. */
export function serviceDnsNames(service: string, namespace: string): string[] {
  return [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function checkName(what: string, v: string): void {
  if (v.length > 63 || !DNS_LABEL.test(v)) throw new Error(`${what} "${v}" is not a valid DNS label (RFC 1123)`);
}

function rsaKey(): { forgeKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), pem };
}

/** A positive 128-bit serial (RFC 5280: positive, at most 20 octets, unpredictable). */
function serial(): string {
  const b = randomBytes(16);
  b[0] = (b[0]! & 0x7f) | 0x01;
  return b.toString('hex');
}

function validity(cert: forge.pki.Certificate, now: Date, days: number): void {
  // Backdated a little: clocks of the API server and the machine that made the cert differ.
  cert.validity.notBefore = new Date(now.getTime() - 5 * 60 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + days * 86_400_000);
}

export function generateCerts(opts: CertOptions): CertBundle {
  checkName('service', opts.service);
  checkName('namespace', opts.namespace);
  const days = opts.days ?? 365;
  const now = opts.now ?? new Date();
  const dnsNames = serviceDnsNames(opts.service, opts.namespace);

  const ca = rsaKey();
  const caCert = forge.pki.createCertificate();
  caCert.serialNumber = serial();
  caCert.publicKey = ca.publicKey;
  validity(caCert, now, days * 10);
  const caSubject = [{ name: 'commonName', value: `palisade-webhook-ca.${opts.namespace}` }];
  caCert.setSubject(caSubject);
  caCert.setIssuer(caSubject);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(ca.forgeKey, forge.md.sha256.create());

  const leaf = rsaKey();
  const cert = forge.pki.createCertificate();
  cert.serialNumber = serial();
  cert.publicKey = leaf.publicKey;
  validity(cert, now, days);
  cert.setSubject([{ name: 'commonName', value: dnsNames[2]! }]);
  cert.setIssuer(caSubject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    // Go (the API server) checks SANs only, never the common name.
    { name: 'subjectAltName', altNames: dnsNames.map((value) => ({ type: 2, value })) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.forgeKey, forge.md.sha256.create());

  return {
    caCert: forge.pki.certificateToPem(caCert),
    caKey: ca.pem,
    tlsCert: forge.pki.certificateToPem(cert),
    tlsKey: leaf.pem,
    dnsNames,
  };
}

/**
 * A client certificate signed by the bundle's CA, for the API server to present when the webhook
 * runs with --client-ca (referenced from the API server's admission kubeconfig).
 */
export function generateClientCert(
  bundle: Pick<CertBundle, 'caCert' | 'caKey'>,
  commonName: string,
  days = 365,
): { cert: string; key: string } {
  const caCert = forge.pki.certificateFromPem(bundle.caCert);
  const caKey = forge.pki.privateKeyFromPem(bundle.caKey);
  const leaf = rsaKey();
  const cert = forge.pki.createCertificate();
  cert.serialNumber = serial();
  cert.publicKey = leaf.publicKey;
  validity(cert, new Date(), days);
  cert.setSubject([{ name: 'commonName', value: commonName }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: leaf.pem };
}
