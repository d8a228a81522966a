// A carrier-level failure (link down, refused for a viewer, bad params) as the renderer sees it:
// a failed Result for methods that return one, an ApiCallError for plain reads.
import {
  consoleApiMethods,
  type ApiError,
  type ApiErrorCode,
  type ConsoleApiMethod,
  type MethodResult
} from '../../src-shared/api'

export class ApiCallError extends Error {
  readonly code: ApiErrorCode
  readonly issues: string[] | undefined
  constructor(error: ApiError) {
    super(error.message)
    this.name = 'ApiCallError'
    this.code = error.code
    this.issues = error.issues
  }
  toApiError(): ApiError {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message }
  }
}

/** Methods whose result is itself a Result: their callers already handle `{ ok: false }`. */
export function returnsResult(method: ConsoleApiMethod): boolean {
  const probe = { ok: false, error: { code: 'internal', message: 'probe' } }
  return consoleApiMethods[method].result.safeParse(probe).success
}

/** The carrier failure as this method's result, or thrown when the method has no failed form. */
export function carrierFailure<M extends ConsoleApiMethod>(method: M, error: ApiError): MethodResult<M> {
  if (returnsResult(method)) return { ok: false, error } as MethodResult<M>
  throw new ApiCallError(error)
}
