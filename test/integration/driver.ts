/**
 * Asks the harness to act on the browser page that shows this VS Code: real key presses and screenshots.
 * Only the code-server harness provides it (AIP_DRIVER_URL); elsewhere `available` is false.
 */
import * as http from 'node:http';

const url = process.env.AIP_DRIVER_URL;

export const driverAvailable = Boolean(url);
/** Why a test that needs the driver skips without it. */
export const NO_DRIVER =
  'needs real key presses from the code-server harness (AIP_DRIVER_URL unset, e.g. a desktop run)';

function call(msg: Record<string, unknown>): Promise<unknown> {
  if (!url) return Promise.reject(new Error('no browser driver in this host (AIP_DRIVER_URL unset)'));
  const body = JSON.stringify(msg);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' }, timeout: 20_000 },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          try {
            const parsed = JSON.parse(text) as { ok: boolean; result?: unknown; error?: string };
            if (parsed.ok) resolve(parsed.result);
            else reject(new Error(`driver: ${parsed.error}`));
          } catch (err) {
            reject(err);
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('driver: timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

export const driver = {
  press: (key: string) => call({ op: 'press', key }),
  type: (text: string) => call({ op: 'type', text }),
  screenshot: (name: string) => call({ op: 'screenshot', name }) as Promise<string>,
  domText: (selector: string) => call({ op: 'evaluate-dom', selector }) as Promise<string[]>,
  click: (selector: string) => call({ op: 'click', selector }) as Promise<boolean>,
  html: (selector: string) => call({ op: 'html', selector }) as Promise<string[]>,
};
