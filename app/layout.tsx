import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  // Absolute URLs for link previews (Open Graph images of shared conversations).
  metadataBase: new URL(process.env.SITE_URL ?? 'http://localhost:3000'),
  title: 'MoA Studio',
  description: 'Mixture-of-Agents answers: layers of models propose, refine and aggregate, live.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: Next puts the request's CSP nonce (from `proxy.ts`) on its scripts while
  // rendering, and a page prerendered at build time would carry none, so the browser would refuse all its scripts.
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
