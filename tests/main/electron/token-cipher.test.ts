// The token through safeStorage: sealed (never the plain text in the file), opened again, a token
// that cannot be opened here is "none" (so the person types it again), and without OS encryption
// the 0600 file keeps it. The safeStorage here is a stand-in with the same contract.
import { describe, expect, it } from 'vitest'
import { electronConfig } from '../../../src-main/electron/config'
import { safeStorageCipher, type SafeStorageLike } from '../../../src-main/electron/token-cipher'

const xor = (b: Buffer): Buffer => Buffer.from(b.map((x) => x ^ 0x5a))
const fakeSafeStorage = (available: boolean): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.concat([Buffer.from('v10'), xor(Buffer.from(plain))]),
  decryptString: (sealed) => {
    if (sealed.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext')
    return xor(sealed.subarray(3)).toString()
  }
})

describe('safeStorageCipher', () => {
  it('seals the token and opens it again', () => {
    const cipher = safeStorageCipher(fakeSafeStorage(true))
    expect(cipher.kind).toBe('safeStorage')
    const sealed = cipher.seal('hub-token-42')
    expect(JSON.stringify(sealed)).not.toContain('hub-token-42')
    expect(cipher.open(sealed)).toBe('hub-token-42')
  })

  it('gives null for a token sealed elsewhere, and reads a plain one from browser mode', () => {
    const cipher = safeStorageCipher(fakeSafeStorage(true))
    expect(cipher.open({ kind: 'safeStorage', data: Buffer.from('garbage').toString('base64') })).toBeNull()
    expect(cipher.open({ kind: 'plain', value: 'from-browser-mode' })).toBe('from-browser-mode')
  })

  it('falls back to the 0600 file where the OS offers no encryption', () => {
    const cipher = safeStorageCipher(fakeSafeStorage(false))
    expect(cipher.kind).toBe('file')
    expect(cipher.seal('t')).toEqual({ kind: 'plain', value: 't' })
  })
})

describe('electronConfig overrides', () => {
  it('names the flag or variable that overrides the settings file', () => {
    expect(electronConfig(['--hub', 'http://h:1'], { GCC_HUB_TOKEN: 'x' }, '/u').overrides).toEqual([
      { field: 'hub', source: '--hub' },
      { field: 'token', source: 'GCC_HUB_TOKEN' }
    ])
    expect(electronConfig([], { GCC_DEMO: '1', GCC_DATA_DIR: '/d' }, '/u')).toMatchObject({
      demo: true,
      dataDir: '/d',
      overrides: [
        { field: 'demo', source: 'GCC_DEMO' },
        { field: 'dataDir', source: 'GCC_DATA_DIR' }
      ]
    })
  })
})
