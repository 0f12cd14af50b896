// Fails fast, in one line, when the browser test project has no Chromium to drive.
import { existsSync } from 'node:fs';

const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
if (!existsSync(chromePath)) {
  console.error(
    `No Chromium at ${chromePath}: install it (Debian/Ubuntu: sudo apt-get install -y chromium fonts-noto-cjk) or set CHROME_PATH to a Chromium or Chrome executable.`,
  );
  process.exit(1);
}
