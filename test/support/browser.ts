// Opens a job summary as a person sees it on GitHub: the markdown rendered to a page, its
// Mermaid blocks drawn by the Mermaid library, in Debian's Chromium (driven by puppeteer-core).
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import puppeteer from 'puppeteer-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Chromium to drive: CHROMIUM_BIN, else Debian's; undefined when there is none. */
export function chromiumPath(): string | undefined {
  const candidates = [
    process.env['CHROMIUM_BIN'],
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ];
  return candidates.find((path): path is string => path !== undefined && existsSync(path));
}

/** Where screenshots are kept for a person to look at (not committed). */
export const ARTEFACTS = join(root, 'test-results', 'screenshots');

export interface RenderedSummary {
  /** Each Mermaid block: whether it drew an SVG, and the texts in it. */
  charts: { drawn: boolean; texts: string[]; error: string | undefined }[];
  /** The page's text without the charts (tables, links). */
  text: string;
  links: string[];
  screenshot: string;
}

/** GitHub renders ```mermaid fences as diagrams; marked leaves them as code blocks to swap. */
function page(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true });
  const swapped = html.replace(
    /<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/g,
    (_all, code: string) => `<pre class="mermaid">${code}</pre>`,
  );
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { font-family: sans-serif; width: 1000px; margin: 16px; }
    table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 4px; }
  </style></head><body>${swapped}</body></html>`;
}

// Run in the page (the test's TypeScript has no DOM types): draws each Mermaid block in turn.
const IN_PAGE_DRAW = `(async () => {
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  const results = [];
  for (const block of document.querySelectorAll('pre.mermaid')) {
    try {
      await mermaid.run({ nodes: [block] });
      const svg = block.querySelector('svg');
      const texts = [...(svg ? svg.querySelectorAll('text') : [])]
        .map((t) => t.textContent || '')
        .filter((t) => t !== '');
      const error = /Syntax error/i.test(svg ? svg.textContent : '') ? 'syntax error' : undefined;
      results.push({ drawn: svg !== null && texts.length > 0, texts, error });
    } catch (error) {
      results.push({ drawn: false, texts: [], error: String(error) });
    }
  }
  return results;
})()`;
const IN_PAGE_TEXT = `(() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('pre.mermaid').forEach((n) => n.remove());
  return copy.innerText;
})()`;
const IN_PAGE_LINKS = `[...document.querySelectorAll('a')].map((a) => a.getAttribute('href') || '')`;

export async function renderSummary(markdown: string, name: string): Promise<RenderedSummary> {
  const executablePath = chromiumPath();
  if (executablePath === undefined) throw new Error('no Chromium to render the summary in');
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    // As root (CI here) Chromium needs its sandbox off; the page is our own.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const tab = await browser.newPage();
    await tab.setViewport({ width: 1040, height: 800 });
    await tab.setContent(page(markdown), { waitUntil: 'load' });
    await tab.addScriptTag({
      path: join(root, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js'),
    });
    const charts = (await tab.evaluate(IN_PAGE_DRAW)) as RenderedSummary['charts'];
    const text = (await tab.evaluate(IN_PAGE_TEXT)) as string;
    const links = (await tab.evaluate(IN_PAGE_LINKS)) as string[];
    mkdirSync(ARTEFACTS, { recursive: true });
    const screenshot = join(ARTEFACTS, `${name}.png`);
    await tab.screenshot({ path: screenshot, fullPage: true });
    return { charts, text, links, screenshot };
  } finally {
    await browser.close();
  }
}
