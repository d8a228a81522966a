// The user the simulated hall acts under: a dispatcher like any other seat, named so the timeline
// shows who did what.
import { type User } from '../../src-shared/protocol'

export const HALL_USER: User = { id: 'sim-hall', name: '值班调度（模拟）', role: 'dispatcher' }
