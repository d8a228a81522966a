// Who is connected and which incidents each console claims, for the `presence` broadcast.
import type { Presence, User } from '../src-shared/protocol'

interface Connected {
  consoleId: string
  sessionId: string
  user: User
}

export class PresenceBook {
  /** socket id → console; one console may hold more than one socket for a moment while reconnecting. */
  private readonly sockets = new Map<string, Connected>()
  /** console id → claimed incident ids, for every console (connected or not), rebuilt from the store. */
  private readonly claims = new Map<string, Set<string>>()

  constructor(initialClaims: Map<string, Set<string>> = new Map()) {
    for (const [consoleId, ids] of initialClaims) this.claims.set(consoleId, new Set(ids))
  }

  connect(socketId: string, consoleId: string, sessionId: string, user: User): void {
    this.sockets.set(socketId, { consoleId, sessionId, user })
  }

  disconnect(socketId: string): void {
    this.sockets.delete(socketId)
  }

  /** Keeps claims in step with an incident's committed `claimedBy`. */
  setClaim(incidentId: string, consoleId: string | null): boolean {
    let changed = false
    for (const [owner, ids] of this.claims) {
      if (owner !== consoleId && ids.delete(incidentId)) changed = true
    }
    if (consoleId !== null) {
      const ids = this.claims.get(consoleId) ?? new Set<string>()
      if (!ids.has(incidentId)) changed = true
      ids.add(incidentId)
      this.claims.set(consoleId, ids)
    }
    return changed
  }

  snapshot(): Presence {
    const seen = new Map<string, Presence['consoles'][number]>()
    for (const { consoleId, sessionId, user } of this.sockets.values()) {
      // Named by the session id the hub issued, never by a console id (rev 1.4): people and seats
      // show, and nothing in presence lets one act as another.
      seen.set(consoleId, {
        consoleId: sessionId,
        user,
        role: user.role,
        claimed: [...(this.claims.get(consoleId) ?? [])].sort()
      })
    }
    return { consoles: [...seen.values()] }
  }
}
