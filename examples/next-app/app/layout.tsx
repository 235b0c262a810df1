import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: 'CTS database status',
  description: 'Example Next.js app on cts-db',
};

export default function RootLayout({ children }: LayoutProps<'/'>) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
