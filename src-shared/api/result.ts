// Typed results for every boundary: a value, or an error a person can act on.
import { z } from 'zod'
import { ErrorCode } from '../protocol/primitives'

/** The protocol's error codes, passed through from the hub, plus the console's own. */
export const ApiErrorCode = z.enum([...ErrorCode.options, 'read_only', 'storage', 'not_ready', 'duplicate'])
export type ApiErrorCode = z.infer<typeof ApiErrorCode>

export const ApiError = z.object({
  code: ApiErrorCode,
  /** English detail for logs; the UI shows a translated text for `code`. */
  message: z.string().max(4000),
  issues: z.array(z.string().max(500)).max(50).optional()
})
export type ApiError = z.infer<typeof ApiError>

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail<T = never>(code: ApiErrorCode, message: string, issues?: string[]): Result<T> {
  return issues ? { ok: false, error: { code, message, issues } } : { ok: false, error: { code, message } }
}

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.union([
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ApiError })
  ])
}
