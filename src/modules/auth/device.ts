import Bowser from 'bowser';

const majorOf = (version: string | undefined): string | undefined => version?.split('.')[0] || undefined;

/** A short human description of a User-Agent: "Chrome 120 on macOS 10", "curl", "Unknown device". */
export function describeDevice(userAgent: string | undefined): string {
  if (!userAgent) return 'Unknown device';
  const { browser, os, platform } = Bowser.parse(userAgent);
  const name = [browser.name, majorOf(browser.version)].filter(Boolean).join(' ');
  // Windows reports its kernel version ("NT 10.0"); its marketing name ("10") is what people know.
  const osVersion = os.version?.startsWith('NT ') ? os.versionName : majorOf(os.version);
  const platformName = os.name ? [os.name, osVersion].filter(Boolean).join(' ') : platform.model;
  if (name && platformName) return `${name} on ${platformName}`;
  if (name || platformName) return (name || platformName) as string;
  // Non-browser clients (curl/8.4.0, PostmanRuntime/7.36): keep the product token.
  const product = /^([\w.-]+)\//.exec(userAgent)?.[1];
  return product ? product.slice(0, 40) : 'Unknown device';
}
