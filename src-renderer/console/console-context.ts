// Hands the ConsoleApi and the seat's controller to every component below the console view.
import { createContext, useContext } from 'react'
import type { ConsoleApi } from '../../src-shared/api'
import type { Controller } from './controller'

export type ConsoleContextValue = { api: ConsoleApi; controller: Controller }

export const ConsoleContext = createContext<ConsoleContextValue | null>(null)

export function useConsoleContext(): ConsoleContextValue {
  const value = useContext(ConsoleContext)
  // A component outside the provider is a wiring bug, not a runtime condition.
  if (!value) throw new Error('ConsoleContext missing: render inside <ConsoleView>')
  return value
}
