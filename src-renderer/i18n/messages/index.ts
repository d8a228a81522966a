// Registry of message files, one per feature, so features add text without touching each other.
// To add a feature: create messages/<feature>.ts exporting `{ 'zh-CN': {...}, 'en-US': {...} }`
// (en-US typed as Record<keyof zh-CN, string>) and spread it below.
import { common } from './common'

const zh = { ...common['zh-CN'] }
export type MessageKey = keyof typeof zh

const en: Record<MessageKey, string> = { ...common['en-US'] }

export const allMessages: Record<'zh-CN' | 'en-US', Record<MessageKey, string>> = { 'zh-CN': zh, 'en-US': en }
