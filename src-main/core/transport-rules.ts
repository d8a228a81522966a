// Transport rules of protocol v1 (docs/protocol.md, rev 1.4): plain HTTP only to a hub on this
// machine; anything else over TLS (https/wss), so the hub token and case data never cross the
// network in clear. One loopback check for the hub link and the web host's Host check.
import { isIPv4 } from 'node:net'

/** A host name or address (no port; IPv6 with or without brackets) that can only mean this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase()
  if (h === 'localhost' || h === '::1' || h === '[::1]') return true
  // 127.0.0.0/8 as an address only: '127.evil.example' is a name anyone can point anywhere.
  return isIPv4(h) && h.startsWith('127.')
}

/** Why this hub URL may not be used, or null when it may. */
export function hubUrlProblem(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return `the hub URL '${url}' is not a URL`
  }
  if (parsed.protocol === 'https:' || parsed.protocol === 'wss:') return null
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'ws:') return `the hub URL '${url}' must start with https:// (or http:// on this machine)`
  if (isLoopbackHost(parsed.hostname)) return null
  return `the hub at ${parsed.host} is not on this machine: use https:// (wss) — plain http:// would send the hub token and case data unencrypted over the network`
}
