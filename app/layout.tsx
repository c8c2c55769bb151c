import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  // Absolute URLs for link previews (Open Graph images of shared conversations).
  metadataBase: new URL(process.env.SITE_URL ?? 'http://localhost:3000'),
  title: 'MoA Studio',
  description: 'Mixture-of-Agents answers: layers of models propose, refine and aggregate, live.',
  icons: { icon: '/favicon.svg' },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
