/**
 * A Markdown worker thread of the articles loader (src/loaders/articles.ts): builds the site's
 * Markdown renderer (src/loaders/markdown-render.ts) and renders the bodies it is sent, answering
 * each with Astro's `{ html, metadata }` or an error message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RenderReply, RenderRequest, WorkerSetup } from './markdown-pool.ts';
import { bodyRenderer } from './markdown-render.ts';

const render = await bodyRenderer(workerData as WorkerSetup);

parentPort?.on('message', (request: RenderRequest) => {
  void (async () => {
    let reply: RenderReply;
    try {
      const { html, metadata } = await render(request);
      reply = { id: request.id, html, metadata };
    } catch (error) {
      reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort?.postMessage(reply);
  })();
});
