import { isIP } from 'node:net';

/**
 * Sandbox providers deliver webhooks only to this machine: a sandbox is for development and
 * tests, and a misconfigured callback URL must not turn it into something that calls out.
 */
export function isLoopbackUrl(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return false;
  }
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  return isIP(hostname) === 4 && hostname.startsWith('127.');
}
