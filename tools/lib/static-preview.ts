/**
 * The preview server `astro preview` starts (src/integrations/static-preview.ts): the built folder
 * served by tools/lib/static-server.ts under the base path, on Astro's host and port (4321).
 */
import { fileURLToPath } from 'node:url';
import type { PreviewServer, PreviewServerParams } from 'astro';
import { serveDirectory } from '#tools/lib/static-server.ts';

/** Starts serving the built site; Astro waits on `closed()` and calls `stop()`. */
export default async function startPreview(params: PreviewServerParams): Promise<PreviewServer> {
  const host = params.host ?? 'localhost';
  const server = await serveDirectory(fileURLToPath(params.outDir), params.base, { host, port: params.port });
  const port = Number(new URL(server.origin).port);
  params.logger.info(`serving ${fileURLToPath(params.outDir)} at http://${host}:${port}${params.base}`);
  let stopped!: () => void;
  const closed = new Promise<void>((resolve) => (stopped = resolve));
  return {
    host,
    port,
    closed: () => closed,
    async stop() {
      await server.close();
      stopped();
    },
  };
}
