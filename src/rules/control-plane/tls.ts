/** TLS cipher suites the CIS Kubernetes Benchmark v1.10 accepts, as kube-bench checks them
 *  (cfg/cis-1.10: 1.2.29 for the API server, 4.2.12 for the kubelet). Names as Go's crypto/tls
 *  and Kubernetes' --tls-cipher-suites spell them. */

export const CIS_APISERVER_CIPHER_SUITES: readonly string[] = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
];

export const CIS_KUBELET_CIPHER_SUITES: readonly string[] = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_RSA_WITH_AES_128_GCM_SHA256',
];

/** Why a suite outside the list is weak, for the message. */
export function weaknessOf(suite: string): string {
  if (/_RC4_|_3DES_|_DES_|_NULL_|_EXPORT_/.test(suite)) return 'a broken cipher';
  if (/^TLS_RSA_/.test(suite)) return 'RSA key exchange (no forward secrecy)';
  if (/_CBC_SHA256$/.test(suite)) return 'CBC with SHA-256 (Lucky13-style timing attacks)';
  if (/_CBC_/.test(suite)) return 'CBC mode';
  return 'not in the accepted list';
}
