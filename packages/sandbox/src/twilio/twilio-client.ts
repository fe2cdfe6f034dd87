import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type TwilioResponse from 'twilio/lib/http/response';

export interface SandboxTwilioClientOptions {
  accountSid: string;
  authToken: string;
  /** Where Twilio's API is served instead: a Twilio sandbox's `url`. */
  baseUrl: string;
  /** The SDK's own request timeout; keep it above the resilience policy's, which should decide first. */
  timeoutMs?: number;
}

/** Rewrites `https://api.twilio.com/2010-04-01/...` (or any other Twilio host) onto the base URL. */
function redirect(uri: string, baseUrl: URL): string {
  const target = new URL(uri);
  if (target.hostname !== 'twilio.com' && !target.hostname.endsWith('.twilio.com')) {
    throw new Error(`The Twilio sandbox client sends only Twilio API requests, not ${target.host}`);
  }
  const prefix = baseUrl.pathname.replace(/\/$/, '');
  return new URL(`${prefix}${target.pathname}${target.search}`, baseUrl.origin).toString();
}

/**
 * The SDK's HTTP client with one change: every request goes to the base URL instead of Twilio's
 * hosts. The SDK has no base-URL option (edge and region only choose among *.twilio.com hosts), and
 * `httpClient` is its documented way to replace the transport, so everything above it is the real SDK.
 */
class RedirectingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: URL,
    options: RequestClient.RequestClientOptions,
  ) {
    super(options);
  }

  // Async, so a refused host reaches the SDK's caller as a rejection, like any other request failure.
  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<TwilioResponse<TData>> {
    return super.request({ ...opts, uri: redirect(opts.uri, this.baseUrl) });
  }
}

/** The real `twilio` SDK client, pointed at a sandbox (or any server speaking Twilio's API). */
export function createTwilioClient(options: SandboxTwilioClientOptions): twilio.Twilio {
  const httpClient = new RedirectingRequestClient(new URL(options.baseUrl), {
    // The SDK's own 429 retries stay off: retrying is the resilience policy's job, and only where it is safe.
    autoRetry: false,
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
  });
  return twilio(options.accountSid, options.authToken, { httpClient });
}
