// The hub token sealed by the OS (DPAPI on Windows, the keychain/libsecret on Linux) through
// Electron's safeStorage; where that is not available the 0600 settings file keeps it as text.
import type { StoredToken, TokenCipher } from '../core/settings-file'
import { fileTokenCipher } from '../core/settings-file'

/** What this needs of Electron's safeStorage. */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(sealed: Buffer): string
}

export function safeStorageCipher(safeStorage: SafeStorageLike): TokenCipher {
  if (!safeStorage.isEncryptionAvailable()) return fileTokenCipher
  return {
    kind: 'safeStorage',
    seal: (token): StoredToken => ({ kind: 'safeStorage', data: safeStorage.encryptString(token).toString('base64') }),
    open: (stored) => {
      // A token saved in browser mode on this PC is still usable; the next save seals it.
      if (stored.kind === 'plain') return stored.value
      try {
        return safeStorage.decryptString(Buffer.from(stored.data, 'base64'))
      } catch {
        return null
      }
    }
  }
}
