// The README's pictures (docs/*.png), made from the UI tests' screenshots: each is cut to the part of the window it is
// about and squeezed to 16 colours. The .vsix ships them for its Details page, so every kilobyte here is one a user
// downloads: a whole 1280×800 window per picture made the package twice its budget (issue 12: under 300 KB).
/* global document -- in the functions Playwright runs in the page */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { launchChromium } from './browser.mjs';
import { ROOT } from './paths.mjs';

/**
 * docs/<file> ← test-results/ui/<from>, cut to `clip` (CSS pixels of the 1280-wide window; the whole window when
 * absent). The clips follow the layout the UI tests drive: sidebar 350 px, editor from x = 352. The Chinese walkthrough's
 * sign-in page shows the Chinese sign-in box (from screens.zh-cn.e2e.ts's screenshot); its hover and Tickets view pages
 * keep the English pictures: cut from zh-cn-04-hover.png and zh-cn-03-tickets-view-light.png (the sidebar only) they
 * weigh about 20 KB together, and the .vsix has about 5 KB left of its 300 KB budget.
 */
export const DOC_SHOTS = [
  { file: 'explorer-and-ticket.png', from: '04-explorer-grouped.png', clip: { x: 0, y: 36, width: 1280, height: 640 } },
  { file: 'hover.png', from: '05-hover.png', clip: { x: 352, y: 60, width: 560, height: 250 } },
  { file: 'sign-in.png', from: '02-sign-in-secret.png', clip: { x: 330, y: 0, width: 620, height: 124 } },
  { file: 'sign-in.zh-cn.png', from: 'zh-cn-02-sign-in-secret.png', clip: { x: 330, y: 0, width: 620, height: 124 } },
  {
    file: 'panel-reply-draft.png',
    from: '10-panel-reply-light.png',
    clip: { x: 352, y: 540, width: 928, height: 290 },
  },
  { file: 'panel-reply-sent.png', from: '11-panel-reply-sent.png', clip: { x: 352, y: 540, width: 928, height: 150 } },
  {
    file: 'panel-close.png',
    from: '12-panel-close-question.png',
    clip: { x: 400, y: 340, width: 480, height: 190 },
  },
  { file: 'panel-rate.png', from: '13-panel-rate-light.png', clip: { x: 352, y: 280, width: 928, height: 500 } },
  { file: 'new-ticket-form.png', from: 'new-ticket-2-form.png', clip: { x: 352, y: 70, width: 928, height: 700 } },
  {
    file: 'watcher-notification.png',
    from: 'new-ticket-5-support-answered.png',
    clip: { x: 352, y: 390, width: 928, height: 380 },
  },
];

/** Cuts each screenshot in `resultsDir` to its clip with Chromium, writes it to docs/, squeezes and packs it. */
export async function updateDocShots(resultsDir) {
  const missing = DOC_SHOTS.filter((shot) => !existsSync(path.join(resultsDir, shot.from)));
  if (missing.length) throw new Error(`screenshots missing in ${resultsDir}: ${missing.map((s) => s.from).join(', ')}`);
  mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const shot of DOC_SHOTS) {
      const png = readFileSync(path.join(resultsDir, shot.from));
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      await page.setViewportSize({ width, height });
      await page.setContent(
        `<body style="margin:0"><img style="display:block" src="data:image/png;base64,${png.toString('base64')}"></body>`,
      );
      await page.waitForFunction(() => document.images[0]?.complete);
      const target = path.join(ROOT, 'docs', shot.file);
      await page.screenshot({ path: target, clip: shot.clip ?? { x: 0, y: 0, width, height } });
      // Debian's pngquant: 16 colours are plenty for UI screenshots and cut each to about a quarter.
      const squeezed = spawnSync('pngquant', ['16', '--nofs', '--speed', '1', '--force', '--ext', '.png', target]);
      // Debian's zopfli: the same pixels, about 5 % fewer bytes than pngquant writes them (lossless).
      const packed =
        squeezed.status === 0 &&
        spawnSync('zopflipng', ['-y', '--iterations=15', '--filters=0me', target, target]).status === 0;
      console.log(
        `[docs] docs/${shot.file} ← ${shot.from}${squeezed.status === 0 ? ` (pngquant${packed ? ', zopflipng' : ''})` : ' (pngquant is not installed: apt-get install pngquant, or the .vsix grows by several times)'}`,
      );
    }
  } finally {
    await browser.close();
  }
}
