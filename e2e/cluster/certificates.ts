import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** PEM files of one control-plane instance, all under its directory. */
export interface ControlPlaneCertificates {
  readonly caCert: string;
  readonly caKey: string;
  readonly apiserverCert: string;
  readonly apiserverKey: string;
  readonly serviceAccountKey: string;
  readonly serviceAccountPublicKey: string;
  /** Client certificates by the name given in `clients`. */
  readonly clients: Readonly<Record<string, { readonly cert: string; readonly key: string }>>;
}

export interface ClientIdentity {
  /** File name stem, e.g. `admin`. */
  readonly name: string;
  /** The Kubernetes user name (certificate CN). */
  readonly user: string;
  /** Kubernetes groups (certificate O entries). */
  readonly groups?: readonly string[];
}

/** DNS names and IPs the apiserver answers to, as kubeadm issues them for a single-node cluster. */
const APISERVER_SANS = [
  'DNS:localhost',
  'DNS:kubernetes',
  'DNS:kubernetes.default',
  'DNS:kubernetes.default.svc',
  'DNS:kubernetes.default.svc.cluster.local',
  'IP:127.0.0.1',
  'IP:10.0.0.1', // first address of --service-cluster-ip-range: the `kubernetes` Service
];

// P-256 keys: generated in milliseconds (RSA-2048 takes ~100 ms each on a slow core), and accepted by the
// apiserver for serving, client auth and service-account token signing (ES256).
async function openssl(dir: string, args: readonly string[]): Promise<void> {
  await execFileAsync('openssl', args, { cwd: dir });
}

async function newKey(dir: string, file: string): Promise<void> {
  await openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file]);
}

async function issue(
  dir: string,
  stem: string,
  subject: string,
  extensions: string,
): Promise<{ cert: string; key: string }> {
  const key = `${stem}.key`;
  const cert = `${stem}.crt`;
  await newKey(dir, key);
  await openssl(dir, ['req', '-new', '-key', key, '-subj', subject, '-out', `${stem}.csr`]);
  await writeFile(join(dir, `${stem}.ext`), extensions);
  await openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${stem}.csr`,
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '3650',
    '-sha256',
    '-extfile',
    `${stem}.ext`,
    '-out',
    cert,
  ]);
  return { cert: join(dir, cert), key: join(dir, key) };
}

/** `/CN=user/O=group…`, escaping the characters openssl's -subj treats specially. */
function subjectOf(user: string, groups: readonly string[] = []): string {
  const escape = (value: string) => value.replace(/[/\\+=]/g, (c) => `\\${c}`);
  return `/CN=${escape(user)}${groups.map((g) => `/O=${escape(g)}`).join('')}`;
}

/**
 * A private CA, the apiserver's serving certificate, one client certificate per identity and the
 * service-account signing key pair, generated with the openssl CLI into `dir` (Node's crypto cannot
 * issue X.509 certificates).
 */
export async function generateCertificates(
  dir: string,
  clients: readonly ClientIdentity[],
): Promise<ControlPlaneCertificates> {
  await newKey(dir, 'ca.key');
  await openssl(dir, [
    'req',
    '-x509',
    '-new',
    '-key',
    'ca.key',
    '-subj',
    '/CN=ghcr-desk-test-ca',
    '-days',
    '3650',
    '-sha256',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
    '-out',
    'ca.crt',
  ]);
  const server = await issue(
    dir,
    'apiserver',
    '/CN=kube-apiserver',
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=${APISERVER_SANS.join(',')}`,
      '',
    ].join('\n'),
  );
  const issued: Record<string, { cert: string; key: string }> = {};
  for (const client of clients) {
    issued[client.name] = await issue(
      dir,
      client.name,
      subjectOf(client.user, client.groups),
      'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n',
    );
  }
  await newKey(dir, 'sa.key');
  await openssl(dir, ['pkey', '-in', 'sa.key', '-pubout', '-out', 'sa.pub']);
  return {
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    apiserverCert: server.cert,
    apiserverKey: server.key,
    serviceAccountKey: join(dir, 'sa.key'),
    serviceAccountPublicKey: join(dir, 'sa.pub'),
    clients: issued,
  };
}
