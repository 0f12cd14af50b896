import { existsSync } from 'node:fs';

/** Launch flags for headless Chromium as root on a machine whose only network is loopback. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where Chromium is looked for: `CHROME_PATH`, else Debian's package. */
export const chromiumCandidate = process.env.CHROME_PATH || '/usr/bin/chromium';

/** {@link chromiumCandidate}, or one thrown line saying how to install Chromium when it is missing. */
export function chromiumPath(): string {
  const path = chromiumCandidate;
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}: install it (Debian/Ubuntu: sudo apt-get install -y chromium fonts-noto-cjk) or set CHROME_PATH.`,
    );
  }
  return path;
}
