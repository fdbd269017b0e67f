/**
 * Container image references, parsed as the kubelet parses them: `parsers.ParseImageName`
 * (k8s.io/kubernetes/pkg/util/parsers) over `reference.ParseNormalizedNamed` of
 * github.com/distribution/reference, with digests validated as opencontainers/go-digest does.
 *
 *   [domain[:port]/]path[:tag][@algorithm:hex]
 *
 * The first path component is a registry host only when it contains "." or ":", is "localhost",
 * or has an uppercase letter; otherwise the image is on Docker Hub ("nginx" is
 * "docker.io/library/nginx"). So in `localhost:5000/app` the colon belongs to the host, not a tag.
 */
import { memoByString } from '../../util/memo.js';

const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN_AND_PORT = `${HOST}(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const NAME = `(?:${DOMAIN_AND_PORT}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;

const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_NAME = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;

const NAME_TOTAL_LENGTH_MAX = 255;
const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';

/** Digest algorithms go-digest knows, with the length of their lowercase hex encoding. */
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

export interface ImageRef {
  /** Registry host with its port, normalized: "docker.io" when the image names none. */
  domain: string;
  /** Repository path in the registry, normalized: "library/nginx" for "nginx". */
  path: string;
  /** `domain/path`, the fully qualified repository name. */
  name: string;
  /** The tag as written; undefined when the image has none. */
  tag?: string;
  /** `algorithm:hex` when the image is pinned by digest. */
  digest?: string;
}

export type ParsedImageRef = { ok: true; ref: ImageRef } | { ok: false; error: string };

/** Parses an image reference exactly as the kubelet does; errors say why it would be refused.
 *  Memoized: every image rule parses every container's image. */
export const parseImageRef = memoByString(parseImageRefOnce);

function parseImageRefOnce(image: string): ParsedImageRef {
  if (image === '') return { ok: false, error: 'the image name is empty' };
  if (IDENTIFIER.test(image)) {
    return { ok: false, error: 'a bare 64-character hexadecimal id is not a repository name' };
  }
  const { domain, remainder } = splitDockerDomain(image);
  const colon = remainder.indexOf(':');
  const remoteName = colon === -1 ? remainder : remainder.slice(0, colon);
  if (remoteName.toLowerCase() !== remoteName) {
    return { ok: false, error: `the repository name "${remoteName}" must be lowercase` };
  }

  const full = `${domain}/${remainder}`;
  const m = REFERENCE.exec(full);
  if (!m) return { ok: false, error: 'it is not of the form [registry[:port]/]repository[:tag][@digest]' };
  const [, name = '', tag, digest] = m;
  if (name.length > NAME_TOTAL_LENGTH_MAX) {
    return { ok: false, error: `the repository name is longer than ${NAME_TOTAL_LENGTH_MAX} characters` };
  }
  if (digest !== undefined) {
    const problem = digestProblem(digest);
    if (problem) return { ok: false, error: problem };
  }
  const nm = ANCHORED_NAME.exec(name);
  // The domain part is always present after normalization.
  const refDomain = nm?.[1] ?? domain;
  const path = nm?.[2] ?? name;
  return { ok: true, ref: { domain: refDomain, path, name: `${refDomain}/${path}`, tag, digest } };
}

/** distribution/reference's splitDockerDomain. */
function splitDockerDomain(image: string): { domain: string; remainder: string } {
  const i = image.indexOf('/');
  let domain: string;
  let remainder: string;
  const first = i === -1 ? '' : image.slice(0, i);
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = DEFAULT_DOMAIN;
    remainder = image;
  } else {
    domain = first;
    remainder = image.slice(i + 1);
  }
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_REPO_PREFIX + remainder;
  return { domain, remainder };
}

/** go-digest's Digest.Validate for a digest that already matched the reference grammar. */
function digestProblem(digest: string): string | undefined {
  const i = digest.indexOf(':');
  const algorithm = digest.slice(0, i);
  const encoded = digest.slice(i + 1);
  const length = DIGEST_HEX_LENGTH[algorithm];
  if (length === undefined) return `the digest algorithm "${algorithm}" is not supported (sha256, sha384, sha512)`;
  if (encoded.length !== length || !/^[a-f0-9]+$/.test(encoded)) {
    return `a ${algorithm} digest is ${length} lowercase hexadecimal characters`;
  }
  return undefined;
}

/** True when the reference may point at different content over time: no digest, and no tag or
 *  the tag `latest`. */
export function isMutable(ref: ImageRef): boolean {
  return ref.digest === undefined && (ref.tag === undefined || ref.tag === 'latest');
}

/** The imagePullPolicy Kubernetes defaults a container to (SetDefaults_Container): Always when
 *  the effective tag is `latest` (a reference with neither tag nor digest means `latest`),
 *  IfNotPresent otherwise, unparseable images included. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const parsed = parseImageRef(image);
  if (!parsed.ok) return 'IfNotPresent';
  const { tag, digest } = parsed.ref;
  const effectiveTag = tag ?? (digest === undefined ? 'latest' : '');
  return effectiveTag === 'latest' ? 'Always' : 'IfNotPresent';
}
