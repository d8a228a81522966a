// Typed listeners for the ConsoleApi events; one failing listener never stops the others.
import { type ConsoleApiEvent, type EventPayload } from '../../src-shared/api'
import { type Log } from './log'

type Listener<E extends ConsoleApiEvent> = (payload: EventPayload<E>) => void

export class EventHub {
  private readonly listeners = new Map<ConsoleApiEvent, Set<Listener<ConsoleApiEvent>>>()

  constructor(private readonly log: Log) {}

  on<E extends ConsoleApiEvent>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event)
    if (set === undefined) {
      set = new Set()
      this.listeners.set(event, set)
    }
    const l = listener as Listener<ConsoleApiEvent>
    set.add(l)
    return () => {
      set.delete(l)
    }
  }

  emit<E extends ConsoleApiEvent>(event: E, payload: EventPayload<E>): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) {
      try {
        l(payload)
      } catch (err) {
        this.log('error', 'a ConsoleApi event listener threw', { event, error: String(err) })
      }
    }
  }

  clear(): void {
    this.listeners.clear()
  }
}
