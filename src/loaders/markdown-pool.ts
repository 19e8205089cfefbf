/**
 * Worker threads that render Markdown. Astro's content layer renders every body on the main thread,
 * one core, and rendering is most of a cold build's content sync; the pool spreads it over the
 * machine's cores while the main thread reads, validates and stores entries. Pure TS, no `astro:`.
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** What a worker needs to build the site's processor. */
export interface WorkerSetup {
  /** The site's absolute URL (external links are judged against it). */
  readonly siteUrl: string;
  /** The site's base path (Astro's `base`), given to site-absolute body addresses. */
  readonly base: string;
  /** The options Astro passes to `processor.createRenderer` (image, syntax highlighting...). */
  readonly renderer: Record<string, unknown>;
}

/** One body to render. */
export interface RenderRequest {
  /** Request number, to match the reply. */
  readonly id: number;
  /** The Markdown body. */
  readonly body: string;
  /** The entry's frontmatter (the plugins read its `language`). */
  readonly frontmatter: Record<string, unknown>;
  /** Absolute path of the file (relative images are resolved from it). */
  readonly filePath: string | undefined;
}

/** A worker's answer: the rendered HTML and Astro's metadata, or why rendering failed. */
export type RenderReply =
  | { readonly id: number; readonly html: string; readonly metadata: RenderedMetadata }
  | { readonly id: number; readonly error: string };

/** Astro's render metadata (headings, image paths, frontmatter), as the processor returns it. */
export interface RenderedMetadata {
  /** Local image paths found in the body. */
  readonly localImagePaths: string[];
  /** Remote image URLs found in the body. */
  readonly remoteImagePaths: string[];
  /** Anything else the processor reports (headings, frontmatter). */
  readonly [key: string]: unknown;
}

/** Rendered HTML and metadata. */
export interface Rendered {
  /** The body's HTML. */
  readonly html: string;
  /** Astro's metadata. */
  readonly metadata: RenderedMetadata;
}

interface Pending {
  readonly worker: Worker;
  readonly resolve: (rendered: Rendered) => void;
  readonly reject: (error: Error) => void;
}

/** A pool of Markdown worker threads, started on the first request. */
export class MarkdownPool {
  readonly #setup: WorkerSetup;
  readonly #size: number;
  readonly #workerFile: string;
  readonly #workers: { worker: Worker; busy: number }[] = [];
  readonly #pending = new Map<number, Pending>();
  #next = 0;

  /**
   * `size` defaults to the machine's cores; `workerFile` to src/loaders/markdown-worker.ts of the
   * project being built (resolved from the working directory: the loader itself runs from a bundle).
   */
  constructor(setup: WorkerSetup, options: { size?: number; workerFile?: string } = {}) {
    this.#setup = setup;
    this.#size = Math.max(1, options.size ?? os.availableParallelism());
    this.#workerFile = options.workerFile ?? path.resolve('src/loaders/markdown-worker.ts');
  }

  /** Renders one body on the least busy worker. */
  render(request: Omit<RenderRequest, 'id'>): Promise<Rendered> {
    const id = this.#next++;
    const slot = this.#slot();
    slot.busy++;
    return new Promise<Rendered>((resolve, reject) => {
      this.#pending.set(id, {
        worker: slot.worker,
        resolve: (rendered) => {
          slot.busy--;
          resolve(rendered);
        },
        reject: (error) => {
          slot.busy--;
          reject(error);
        },
      });
      slot.worker.postMessage({ ...request, id } satisfies RenderRequest);
    });
  }

  /** Stops every worker; requests still open fail. */
  async close(): Promise<void> {
    const workers = this.#workers.splice(0);
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
    for (const [id, pending] of this.#pending) {
      pending.reject(new Error('the Markdown worker pool was closed'));
      this.#pending.delete(id);
    }
  }

  #slot(): { worker: Worker; busy: number } {
    const idle = this.#workers.find((w) => w.busy === 0);
    if (idle) return idle;
    if (this.#workers.length < this.#size) {
      const worker = new Worker(this.#workerFile, { workerData: this.#setup });
      worker.on('message', (reply: RenderReply) => {
        const pending = this.#pending.get(reply.id);
        if (!pending) return;
        this.#pending.delete(reply.id);
        if ('error' in reply) pending.reject(new Error(reply.error));
        else pending.resolve({ html: reply.html, metadata: reply.metadata });
      });
      worker.on('error', (error: Error) => {
        // A crashed worker fails what it had (the build reports those entries) and leaves the pool.
        const index = this.#workers.findIndex((w) => w.worker === worker);
        if (index >= 0) this.#workers.splice(index, 1);
        for (const [id, pending] of this.#pending) {
          if (pending.worker !== worker) continue;
          pending.reject(error);
          this.#pending.delete(id);
        }
      });
      const slot = { worker, busy: 0 };
      this.#workers.push(slot);
      return slot;
    }
    return this.#workers.reduce((a, b) => (b.busy < a.busy ? b : a));
  }
}
