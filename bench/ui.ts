// The panel in Chromium (Playwright, serve mode), measured two ways. Prints one JSON object; progress on
// stderr. Not a test: nothing here asserts a time. Needs the built renderer (`npm run build`).
// 1. Render: time from navigation to the first full Projects screen (rows and the "N of N projects" line)
//    for 1,000 and 5,000 projects served by the UI specs' in-memory engine (the UI alone), and the rows
//    the DOM holds (virtualized: bounded whatever the count).
// 2. Live: the real engine on a real control plane with N Running pods and steady status churn
//    (bench/watch-cluster.ts): time to the first full Projects render of its projects (audit included),
//    then from a pod's status write leaving the node simulator to the Projects row showing the new
//    ready count on screen (the animation frame after the DOM changed), over the rows in view.
// Run: bash scripts/run.sh node bench/ui.ts [--runs 5] [--pods 5000] [--namespaces 1000] [--churn 100]
//        [--seconds 60] [--skip-live]
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_EXECUTABLE } from '../playwright.config.ts';
import { ENGINE_PARTS } from '../electron/core/engine/engine-parts.ts';
import { clusterEngine } from '../electron/core/host/cluster-engine.ts';
import { createDeskHost } from '../electron/core/host/desk-host.ts';
import type { EngineFactory } from '../electron/core/host/engine.ts';
import { startServeMode } from '../electron/core/serve/serve-mode.ts';
import { createMemoryVault } from '../electron/core/vault/memory-vault.ts';
import { generateProjects } from '../e2e/support/generated-projects.ts';
import { createStubEngine } from '../e2e/support/stub-engine.ts';
import { currentLoad, describeMachine } from './support/machine.ts';
import { quantiles } from './support/quantiles.ts';
import { startClusterProcess } from './support/cluster-process.ts';
import type { WriteRecord } from './support/watch-messages.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    pods: { type: 'string', default: '5000' },
    namespaces: { type: 'string', default: '1000' },
    churn: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '60' },
    'skip-live': { type: 'boolean', default: false },
  },
});
const RENDERER = resolve('out/renderer');
if (!existsSync(join(RENDERER, 'index.html'))) {
  console.error('bench/ui: the renderer is not built (out/renderer): run `npm run build` first.');
  process.exit(2);
}
const progress = (line: string) => console.error(`[ui bench] ${line}`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
const VIEWPORT = { width: 1600, height: 2000 };

async function withPanel<T>(
  engine: EngineFactory,
  settings: Record<string, unknown>,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const profileDir = mkdtempSync(join(tmpdir(), 'ghcr-desk-bench-ui-'));
  writeFileSync(join(profileDir, 'settings.json'), JSON.stringify(settings));
  const host = createDeskHost({ profileDir, version: '0.0.0-bench', engine });
  const serve = await startServeMode({ host, rendererDir: RENDERER });
  try {
    return await work(serve.url);
  } finally {
    await serve.close();
    await host.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/** Navigation to the Projects screen showing `count` projects and its first row; ms and DOM rows. */
async function timeFirstRender(page: Page, url: string, count: number) {
  const started = Date.now();
  await page.goto(url);
  await page
    .getByText(`${count} of ${count} projects`)
    .waitFor({ timeout: 300_000 })
    .catch(async (error: unknown) => {
      throw new Error(`${String(error)}\nthe page says: ${await page.locator('main').innerText()}`);
    });
  await page.locator('.vt-body [role="row"]').first().waitFor();
  const ms = Date.now() - started;
  return { ms, domRows: await page.locator('.vt-body [role="row"]').count() };
}

async function renderFigures(browser: Browser, count: number) {
  const engine = createStubEngine({ projects: generateProjects(count) }).factory;
  return withPanel(engine, {}, async (url) => {
    const times: number[] = [];
    let domRows = 0;
    for (let run = 0; run < Number(values.runs); run++) {
      const page = await browser.newPage({ viewport: VIEWPORT });
      const figures = await timeFirstRender(page, url, count);
      times.push(figures.ms);
      domRows = figures.domRows;
      await page.close();
    }
    progress(`${count} projects: first render ${JSON.stringify(quantiles(times))} ms, ${domRows} DOM rows`);
    return { projects: count, firstRenderMs: quantiles(times), domRows };
  });
}

/** In the page: every change of a visible row's ready count, stamped at the next animation frame. */
function observeReadyCounts(): void {
  const seen = new Map<string, string>();
  const changes: [string, string, number][] = [];
  (window as unknown as { readyChanges: typeof changes }).readyChanges = changes;
  const body = document.querySelector('.vt-body');
  if (!body) throw new Error('no Projects table');
  const scan = () => {
    const pending: [string, string][] = [];
    for (const row of body.querySelectorAll('[role="row"]')) {
      const cells = row.querySelectorAll('[role="gridcell"]');
      const namespace = cells[0]?.textContent ?? '';
      const pods = cells[4]?.textContent ?? '';
      if (seen.get(namespace) !== pods) {
        if (seen.has(namespace)) pending.push([namespace, pods]);
        seen.set(namespace, pods);
      }
    }
    if (pending.length === 0) return;
    requestAnimationFrame(() => {
      const at = performance.timeOrigin + performance.now();
      for (const [namespace, pods] of pending) changes.push([namespace, pods, at]);
    });
  };
  scan();
  new MutationObserver(scan).observe(body, { subtree: true, childList: true, characterData: true });
}

function groupByFirst<T extends readonly [string, ...unknown[]]>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item[0], [...(groups.get(item[0]) ?? []), item]);
  return groups;
}

/**
 * Pairs each status write with the screen showing its result: the row's ready count right after that
 * write, first shown after the write was sent. A write is left out when a later write to the namespace
 * leads to the same count before the screen shows it (the two cannot be told apart).
 */
function writeToScreenLatencies(
  writes: readonly WriteRecord[],
  screen: readonly [string, string, number][],
  podsPerNamespace: number,
): number[] {
  const byNamespace = groupByFirst(writes);
  const shown = groupByFirst(screen);
  const latencies: number[] = [];
  for (const [namespace, list] of byNamespace) {
    const changes = shown.get(namespace);
    if (!changes) continue; // not in view
    const ordered = [...list].sort((a, b) => a[4] - b[4]);
    const unready = new Set<string>();
    const results = ordered.map(([, pod, , ready, sentAt]) => {
      if (ready) unready.delete(pod);
      else unready.add(pod);
      return { sentAt, count: `${podsPerNamespace - unready.size}/${podsPerNamespace}` };
    });
    for (const [index, { sentAt, count }] of results.entries()) {
      const match = changes.find(([, pods, at]) => at >= sentAt && pods === count);
      if (!match) continue;
      const ambiguous = results
        .slice(index + 1)
        .some((later) => later.count === count && later.sentAt <= match[2]);
      if (!ambiguous) latencies.push(match[2] - sentAt);
    }
  }
  return latencies;
}

async function liveFigures(browser: Browser) {
  const cluster = startClusterProcess({ pods: values.pods, namespaces: values.namespaces });
  const writes: WriteRecord[] = [];
  cluster.onWrites((records) => writes.push(...records));
  try {
    const ready = await cluster.next('ready');
    const { podsPerNamespace } = ready;
    const engine = clusterEngine({
      ...ENGINE_PARTS,
      vault: createMemoryVault(),
      openBrowser: async () => {},
    });
    const settings = {
      kubeconfigPath: ready.kubeconfigPath,
      githubUrl: ready.githubUrl,
      registryUrl: ready.registryUrl,
    };
    return await withPanel(engine, settings, async (url) => {
      const page = await browser.newPage({ viewport: VIEWPORT });
      const firstRender = await timeFirstRender(page, url, ready.namespaces.length);
      progress(`real engine, ${ready.namespaces.length} projects: first render ${firstRender.ms} ms`);
      await sleep(3000); // the pod watch's initial batch
      await page.evaluate(observeReadyCounts);
      cluster.tell({ type: 'churn', perSecond: Number(values.churn) });
      await sleep(Number(values.seconds) * 1000);
      cluster.tell({ type: 'stop-churn' });
      await cluster.next('churn-stopped');
      await sleep(2000);
      const screen = await page.evaluate(
        () => (window as unknown as { readyChanges: [string, string, number][] }).readyChanges,
      );
      await page.close();
      const latencies = writeToScreenLatencies(writes, screen, podsPerNamespace);
      return {
        pods: podsPerNamespace * ready.namespaces.length,
        projects: ready.namespaces.length,
        churnPerSecond: Number(values.churn),
        churnSeconds: Number(values.seconds),
        firstRenderWithAuditMs: firstRender.ms,
        domRows: firstRender.domRows,
        statusWrites: writes.length,
        rowChangesSeen: screen.length,
        writeToScreenMs: quantiles(latencies),
      };
    });
  } finally {
    await cluster.shutdown();
  }
}

const machine = describeMachine();
const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
try {
  const render = [await renderFigures(browser, 1_000), await renderFigures(browser, 5_000)];
  const live = values['skip-live'] ? undefined : await liveFigures(browser);
  const [thousand, fiveThousand] = render;
  const summary = {
    firstRender1000Ms: thousand?.firstRenderMs?.median,
    firstRender5000Ms: fiveThousand?.firstRenderMs?.median,
    domRows5000: fiveThousand?.domRows,
    ...(live
      ? {
          firstRenderRealEngineMs: live.firstRenderWithAuditMs,
          writeToScreenMedianMs: live.writeToScreenMs?.median,
          writeToScreenP95Ms: live.writeToScreenMs?.p95,
        }
      : {}),
  };
  const report = { benchmark: 'ui', machine, summary, viewport: VIEWPORT, render, live };
  console.log(JSON.stringify({ ...report, loadAtEnd: currentLoad() }, null, 2));
} finally {
  await browser.close();
}
