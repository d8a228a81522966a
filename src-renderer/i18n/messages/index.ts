// Registry of message files, one per feature, so features add text without touching each other.
// To add a feature: create messages/<feature>.ts exporting `{ 'zh-CN': {...}, 'en-US': {...} }`
// (en-US typed as Record<keyof zh-CN, string>) and add one line to each spread list below.
import { actionMessages } from './actions'
import { common } from './common'
import { consoleMessages } from './console'
import { panelMessages } from './panels'
import { leadMessages } from './lead'
import { mapMessages } from './map'
import { wallMessages } from './wall'
import { paletteMessages } from './palette'
import { clockMessages } from './clock'
import { metricsMessages } from './metrics'
import { metricsGridTypeMessages } from './metrics-grid-type'
import { settingsMessages } from './settings'
import { storageMessages } from './storage'
import { printMessages } from './print'
import { wallLinkMessages } from './wall-link'
import { queueMessages } from './queue'
import { wallHallMessages } from './wall-hall'
import { gridMessages } from './grids'
import { offlineWorkMessages } from './offline-work'
import { findMatchMessages } from './find-match'
import { dailyReportMessages } from './daily-report'
import { offlineViewMessages } from './offline-view'
import { wallThemeMessages } from './wall-theme'
import { functionalGridMessages } from './functional-grids'

const zh = {
  ...common['zh-CN'],
  ...consoleMessages['zh-CN'],
  ...actionMessages['zh-CN'],
  ...panelMessages['zh-CN'],
  ...leadMessages['zh-CN'],
  ...mapMessages['zh-CN'],
  ...wallMessages['zh-CN'],
  ...paletteMessages['zh-CN'],
  ...clockMessages['zh-CN'],
  ...metricsMessages['zh-CN'],
  ...metricsGridTypeMessages['zh-CN'],
  ...settingsMessages['zh-CN'],
  ...storageMessages['zh-CN'],
  ...printMessages['zh-CN'],
  ...wallLinkMessages['zh-CN'],
  ...queueMessages['zh-CN'],
  ...wallHallMessages['zh-CN'],
  ...gridMessages['zh-CN'],
  ...offlineWorkMessages['zh-CN'],
  ...findMatchMessages['zh-CN'],
  ...dailyReportMessages['zh-CN'],
  ...offlineViewMessages['zh-CN'],
  ...wallThemeMessages['zh-CN'],
  ...functionalGridMessages['zh-CN']
}
export type MessageKey = keyof typeof zh

const en: Record<MessageKey, string> = {
  ...common['en-US'],
  ...consoleMessages['en-US'],
  ...actionMessages['en-US'],
  ...panelMessages['en-US'],
  ...leadMessages['en-US'],
  ...mapMessages['en-US'],
  ...wallMessages['en-US'],
  ...paletteMessages['en-US'],
  ...clockMessages['en-US'],
  ...metricsMessages['en-US'],
  ...metricsGridTypeMessages['en-US'],
  ...settingsMessages['en-US'],
  ...storageMessages['en-US'],
  ...printMessages['en-US'],
  ...wallLinkMessages['en-US'],
  ...queueMessages['en-US'],
  ...wallHallMessages['en-US'],
  ...gridMessages['en-US'],
  ...offlineWorkMessages['en-US'],
  ...findMatchMessages['en-US'],
  ...dailyReportMessages['en-US'],
  ...offlineViewMessages['en-US'],
  ...wallThemeMessages['en-US'],
  ...functionalGridMessages['en-US']
}

export const allMessages: Record<'zh-CN' | 'en-US', Record<MessageKey, string>> = { 'zh-CN': zh, 'en-US': en }

/** For text keyed by data that is not a closed type (a timeline action from the wire): is it a key? */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zh, key)
}
