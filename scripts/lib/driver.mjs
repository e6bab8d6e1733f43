// A loopback HTTP endpoint through which integration tests (inside the extension host) ask the harness to act on the
// browser page: real key presses, typing and screenshots. Tests find it through AIP_DRIVER_URL.
import * as http from 'node:http';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SAFE_NAME = /^[A-Za-z0-9._-]{1,80}$/;

export function startDriver({ page, screenshotDir }) {
  const server = http.createServer(async (req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
      if (body.length > 100_000) req.destroy();
    });
    req.on('end', async () => {
      try {
        const msg = JSON.parse(body || '{}');
        const result = await handle(page, screenshotDir, msg);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, result }));
      } catch (err) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: String(err?.message ?? err) }));
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

async function handle(page, screenshotDir, msg) {
  switch (msg.op) {
    case 'press':
      await page.keyboard.press(String(msg.key));
      return null;
    case 'type':
      await page.keyboard.type(String(msg.text), { delay: 10 });
      return null;
    case 'screenshot': {
      if (!SAFE_NAME.test(String(msg.name))) throw new Error('screenshot name must be [A-Za-z0-9._-]');
      fs.mkdirSync(screenshotDir, { recursive: true });
      const file = path.join(screenshotDir, `${msg.name}.png`);
      await page.screenshot({ path: file });
      return file;
    }
    case 'evaluate-dom': {
      // Read-only DOM queries for webview assertions: returns the text content of matching elements in any frame.
      const out = [];
      for (const frame of page.frames()) {
        try {
          out.push(...(await frame.$$eval(String(msg.selector), (els) => els.map((e) => e.textContent ?? ''))));
        } catch {
          // frame gone or cross-origin during navigation
        }
      }
      return out;
    }
    case 'html': {
      // outerHTML of matching elements (bounded), to find selectors while writing tests.
      const out = [];
      for (const frame of page.frames()) {
        try {
          out.push(...(await frame.$$eval(String(msg.selector), (els) => els.map((e) => e.outerHTML.slice(0, 4000)))));
        } catch {
          // frame gone
        }
      }
      return out;
    }
    case 'click': {
      // A closed webview's frame can linger with the same markup, hidden: clicking it would wait for visibility until
      // the request times out, so only a visible match is clicked.
      for (const frame of page.frames()) {
        const els = await frame.$$(String(msg.selector)).catch(() => []);
        for (const el of els) {
          if (!(await el.isVisible().catch(() => false))) continue;
          await el.click();
          return true;
        }
      }
      return false;
    }
    default:
      throw new Error(`unknown driver op ${JSON.stringify(msg.op)}`);
  }
}
