/**
 * Stands in for `@ai-sdk/gateway` in the browser bundle (see `next.config.js`). The `ai` package imports the Vercel
 * AI Gateway provider for server-side model calls the browser never makes (`useChat` talks to our own route), and
 * Turbopack keeps it in the page's first load. Its errors never occur in the browser, so `isInstance` is false.
 */
export class GatewayError extends Error {
  static isInstance(_error: unknown): boolean {
    return false;
  }
}

export class GatewayAuthenticationError extends GatewayError {}

function unavailable(): never {
  throw new Error('The AI Gateway provider is not available in the browser.');
}

export const gateway = new Proxy(unavailable, { get: () => unavailable });
export const createGateway = () => gateway;
