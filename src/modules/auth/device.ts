import { UAParser } from 'ua-parser-js';

/** A short human description of a User-Agent: "Chrome 120 on macOS", "curl", "Unknown device". */
export function describeDevice(userAgent: string | undefined): string {
  if (!userAgent) return 'Unknown device';
  const { browser, os, device } = UAParser(userAgent);
  const name = [browser.name, browser.major].filter(Boolean).join(' ');
  const platform = os.name ? [os.name, os.version?.split('.')[0]].filter(Boolean).join(' ') : device.model;
  if (name && platform) return `${name} on ${platform}`;
  if (name || platform) return (name || platform) as string;
  // Non-browser clients (curl/8.4.0, PostmanRuntime/7.36): keep the product token.
  const product = /^([\w.-]+)\//.exec(userAgent)?.[1];
  return product ? product.slice(0, 40) : 'Unknown device';
}
