// Issue 15: the web host's TLS certificate for serving off this PC (--host other than loopback).
// Self-signed, made on first run with the `selfsigned` package (a kept library over @peculiar/x509:
// no openssl binary is needed, which the hall's Windows PCs do not have), stored 0600 in the data
// folder and reused after, so a wall browser that accepted it once — or a client that pinned its
// SHA-256 fingerprint, printed at every start — keeps trusting it.
import { X509Certificate } from 'node:crypto'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { hostname, networkInterfaces } from 'node:os'
import path from 'node:path'
import { generate } from 'selfsigned'
import { secureFolder } from '../core/data-folder'

export const TLS_KEY_FILE = 'web-tls-key.pem'
export const TLS_CERT_FILE = 'web-tls-cert.pem'

export type TlsMaterial = { key: string; cert: string; /** SHA-256, colon-separated hex (as browsers show it). */ fingerprint: string }

function fingerprintOf(cert: string): string {
  return new X509Certificate(cert).fingerprint256
}

/** The stored certificate when it parses and has not expired; otherwise null. */
async function loadStored(dataDir: string): Promise<TlsMaterial | null> {
  try {
    const [key, cert] = await Promise.all([
      readFile(path.join(dataDir, TLS_KEY_FILE), 'utf8'),
      readFile(path.join(dataDir, TLS_CERT_FILE), 'utf8')
    ])
    const x509 = new X509Certificate(cert)
    if (Date.parse(x509.validTo) <= Date.now()) return null
    return { key, cert, fingerprint: x509.fingerprint256 }
  } catch {
    return null
  }
}

async function writePrivate(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, text, { mode: 0o600 })
  await rename(temp, file)
}

/** Loads the web host's certificate from the data folder, or makes and keeps one (10 years). */
export async function loadOrCreateCertificate(dataDir: string): Promise<TlsMaterial & { created: boolean }> {
  const stored = await loadStored(dataDir)
  if (stored) return { ...stored, created: false }
  const ips = Object.values(networkInterfaces())
    .flat()
    .flatMap((i) => (i ? [i.address] : []))
  const now = new Date()
  const pems = await generate([{ name: 'commonName', value: `网格指挥台 ${hostname()}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 10 * 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [{ type: 2, value: 'localhost' }, { type: 2, value: hostname() }, ...[...new Set(['127.0.0.1', ...ips])].map((ip) => ({ type: 7 as const, ip }))]
      }
    ]
  })
  await secureFolder(dataDir)
  await writePrivate(path.join(dataDir, TLS_KEY_FILE), pems.private)
  await writePrivate(path.join(dataDir, TLS_CERT_FILE), pems.cert)
  return { key: pems.private, cert: pems.cert, fingerprint: fingerprintOf(pems.cert), created: true }
}
