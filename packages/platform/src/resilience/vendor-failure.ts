/**
 * Reads a thrown value the way the vendors' SDKs shape their errors: Twilio's RestException
 * (`status`, and its own `code` such as 21211), SendGrid's ResponseError (`code` is the HTTP
 * status), axios and fetch errors (`response.status`, or a network `code`, sometimes on `cause`).
 */
export interface VendorFailure {
  /** The vendor's HTTP status, when it answered at all. */
  status?: number;
  /** The vendor's error code, or the network's (ECONNREFUSED), when there is one. */
  code?: string | number;
  /** A failure that may pass by itself: the vendor was unreachable, overloaded or down. */
  transient: boolean;
}

/** Errors of the connection, not of the request: the vendor never answered it. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
]);

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

const asHttpStatus = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599 ? value : undefined;

function httpStatusOf(error: unknown): number | undefined {
  return (
    asHttpStatus(field(error, 'status')) ??
    asHttpStatus(field(error, 'statusCode')) ??
    asHttpStatus(field(field(error, 'response'), 'status')) ??
    asHttpStatus(field(error, 'code'))
  );
}

function networkCodeOf(error: unknown): string | undefined {
  for (const candidate of [field(error, 'code'), field(field(error, 'cause'), 'code')]) {
    if (typeof candidate === 'string' && NETWORK_CODES.has(candidate)) return candidate;
  }
  return undefined;
}

/** 408, 429 and 5xx may pass by themselves; any other 4xx is the request's fault and never will. */
const isTransientStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/** What went wrong with a vendor call, or null when the error did not come from the vendor or the network. */
export function describeVendorFailure(error: unknown): VendorFailure | null {
  const status = httpStatusOf(error);
  if (status !== undefined) {
    // Twilio's own codes (21211: invalid To) tell more than the status; SendGrid's `code` is the status.
    const code = field(error, 'code');
    const vendorCode = typeof code === 'number' && code !== status ? code : undefined;
    return { status, ...(vendorCode !== undefined ? { code: vendorCode } : {}), transient: isTransientStatus(status) };
  }
  const networkCode = networkCodeOf(error);
  return networkCode ? { code: networkCode, transient: true } : null;
}
