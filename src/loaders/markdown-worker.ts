/**
 * A Markdown worker thread of the articles loader (src/loaders/articles.ts): builds the site's
 * Markdown processor (the same options as `astro.config.mjs`, from src/plugins/markdown-options.ts) and renders
 * the bodies it is sent, answering each with Astro's `{ html, metadata }` or an error message.
 */
import { unified } from '@astrojs/markdown-remark';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { articleMarkdownOptions } from '#plugins/markdown-options.ts';
import type { RenderReply, RenderRequest, WorkerSetup } from './markdown-pool.ts';

const setup = workerData as WorkerSetup;
const processor = await unified(articleMarkdownOptions(setup.siteUrl, setup.base)).createRenderer(setup.renderer);

parentPort?.on('message', (request: RenderRequest) => {
  void (async () => {
    let reply: RenderReply;
    try {
      const result = await processor.render(request.body, {
        frontmatter: request.frontmatter,
        ...(request.filePath === undefined ? {} : { fileURL: pathToFileURL(request.filePath) }),
      });
      reply = { id: request.id, html: result.code, metadata: result.metadata };
    } catch (error) {
      reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort?.postMessage(reply);
  })();
});
