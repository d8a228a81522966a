// One line per hub-test outcome, for the first-run screen and the settings panel alike.
import type { HubProbeResult } from '../../src-shared/api'
import { t } from '../i18n/i18n'

export function probeText(result: HubProbeResult): string {
  if (result.ok) return t('probe.ok', { user: result.user.name })
  return t(`probe.${result.failure}`)
}
